import Testing
import Traffic

@Suite struct DemoTrafficTests {
    let end = Timestamp.parse("2026-11-24T00:00:00Z")!

    func collect(_ demo: DemoTraffic) -> [TrafficRow] {
        var rows: [TrafficRow] = []
        demo.forEach { rows.append($0) }
        return rows
    }

    @Test func sameSeedSameTraffic() {
        let first = collect(DemoTraffic(seed: 1, end: end, weeks: 1))
        #expect(first == collect(DemoTraffic(seed: 1, end: end, weeks: 1)))
        #expect(first != collect(DemoTraffic(seed: 2, end: end, weeks: 1)))
    }

    @Test func coversFourModelsTwoRegionsAtFiveMinutes() {
        let rows = collect(DemoTraffic(end: end, weeks: 8))
        let keys = Set(rows.map(\.key))
        #expect(Set(keys.map(\.model)).count == 4)
        #expect(Set(keys.map(\.region)) == ["us-east-1", "eu-west-1"])
        #expect(rows.allSatisfy { $0.timestamp % 300 == 0 && $0.value >= 0 && $0.value.isFinite })
        let chat = rows.filter { $0.key == SeriesKey(model: "chat-8b", region: "us-east-1", metric: .requests) }
        let steps = 8 * 7 * 288
        #expect(chat.count < steps, "a few gaps")
        #expect(chat.count > steps - 40)
    }

    @Test func hasWeeklyCycleGrowthAndAHolidayDip() {
        let demo = DemoTraffic(end: end, weeks: 8)
        let key = SeriesKey(model: "code-70b", region: "us-east-1", metric: .requests)
        var perDay: [Int64: Double] = [:]
        demo.forEach { row in
            if row.key == key { perDay[row.timestamp / 86_400 * 86_400, default: 0] += row.value }
        }
        let days = perDay.keys.sorted()
        // 2026-11-21 and 22 are a weekend: far quieter than the weekdays around them.
        let saturday = Timestamp.parse("2026-11-21T00:00:00Z")!
        let friday = Timestamp.parse("2026-11-20T00:00:00Z")!
        #expect(perDay[saturday]! < 0.5 * perDay[friday]!)
        // Growth: the last week carries more than the first.
        let firstWeek = days.prefix(7).reduce(0) { $0 + perDay[$1]! }
        let lastWeek = days.suffix(7).reduce(0) { $0 + perDay[$1]! }
        #expect(lastWeek > 1.15 * firstWeek)
        // The holiday is far below the same weekday a week earlier.
        #expect(perDay[demo.holiday]! < 0.5 * perDay[demo.holiday - 7 * 86_400]!)
    }
}
