import Foundation
@testable import HeadroomCLI
import Testing
import Traffic

/// A temporary directory removed at the end of the test.
private struct Scratch {
    let url = FileManager.default.temporaryDirectory.appending(path: "headroom-forecast-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    func path(_ name: String) -> String { url.appending(path: name).path() }
    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

private func fixture(_ name: String) throws -> String {
    try #require(Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Fixtures"))
}

private func parseForecast(_ arguments: [String]) throws -> ForecastFileCommand {
    try #require(try Headroom.parseAsRoot(["forecast"] + arguments) as? ForecastFileCommand)
}

@Test func forecastWritesOneRowPerSeriesAndStep() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let out = scratch.path("out.csv")
    let command = try parseForecast(["--input", try fixture("nab-hourly.csv"), "--horizon", "24",
                                     "--quantiles", "0.025,0.5,0.975", "--output", out])
    try command.run()
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "series,timestamp,point,q0.025,q0.5,q0.975,model")
    #expect(lines.count == 1 + 2 * 24)
    let first = lines[1].split(separator: ",")
    #expect(first[0] == "elb_request_count_8c0756")
    #expect(first[1] == "2014-04-24T01:00:00Z")  // the last (incomplete, empty) hour is 00:00
    for line in lines.dropFirst() {
        let fields = line.split(separator: ",")
        #expect(fields.count == 7)
        let numbers = fields[2...5].compactMap { Double($0) }
        #expect(numbers.count == 4 && numbers.allSatisfy { $0.isFinite && $0 >= 0 })
        #expect(numbers[1] <= numbers[2] && numbers[2] <= numbers[3])
    }
}

@Test func forecastKeepsEpochTimestampsAndInfersTheStep() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    var text = "series,timestamp,value\n"
    for i in 0..<(3 * 96) where i != 50 {
        text += "a,\(1_700_000_100 + i * 900),\(10 + i % 96)\n"
    }
    let input = try scratch.write("in.csv", text)
    let out = scratch.path("out.csv")
    try parseForecast(["--input", input, "--horizon", "4", "--output", out, "--seasonality", "96"]).run()
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 5)
    #expect(lines[1].hasPrefix("a,\(1_700_000_100 + 288 * 900),"))
    #expect(lines[0].hasPrefix("series,timestamp,point,q0.025,q0.1,q0.5"))
}

@Test func badRowsAreListedWithLineAndColumn() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    var text = "series,timestamp,value\na,2024-01-01T00:00:00Z,1\na,yesterday,2\na,2024-01-01T02:00:00Z,lots\n"
    for i in 0..<25 { text += "b,2024-01-01T0\(i % 10):00:00Z\n" }
    let input = try scratch.write("bad.csv", text)
    let command = try parseForecast(["--input", input, "--horizon", "2"])
    #expect {
        try command.run()
    } throws: { error in
        let message = String(describing: error)
        return message.hasPrefix("27 problems in \(input):")
            && message.contains("\(input):3: column 2 (timestamp): 'yesterday' is not an RFC 3339 timestamp or epoch seconds")
            && message.contains("\(input):4: column 3 (value): 'lots' is not a finite number")
            && message.contains("\(input):5: expected 3 fields (series,timestamp,value), found 2")
            && message.hasSuffix("... and 7 more")
    }
}

@Test func badHeaderMissingFileAndIrregularStepsAreRejected() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let header = try scratch.write("header.csv", "timestamp,value\n2024-01-01T00:00:00Z,1\n")
    #expect { try parseForecast(["--input", header, "--horizon", "2"]).run() } throws: { error in
        String(describing: error).contains("\(header):1: header must be 'series,timestamp,value', found 'timestamp,value'")
    }
    let missing = scratch.path("nope.csv")
    #expect { try parseForecast(["--input", missing, "--horizon", "2"]).run() } throws: { error in
        String(describing: error).contains("\(missing): cannot read the file")
    }
    let irregular = try scratch.write("irregular.csv", "series,timestamp,value\na,0,1\na,600,2\na,1500,3\n")
    #expect { try parseForecast(["--input", irregular, "--horizon", "2"]).run() } throws: { error in
        String(describing: error).contains("irregular timestamps: gaps of 600 s and a common divisor of 300 s")
    }
    let duplicate = try scratch.write("duplicate.csv", "series,timestamp,value\na,0,1\na,0,2\na,60,3\n")
    #expect { try parseForecast(["--input", duplicate, "--horizon", "2", "--step", "1m"]).run() } throws: { error in
        String(describing: error).contains("\(duplicate):3: column 2 (timestamp): duplicate timestamp 1970-01-01T00:00:00Z in series 'a'")
    }
    #expect(throws: (any Error).self) { try parseForecast(["--input", header, "--horizon", "0"]) }
    #expect { try parseForecast(["--input", header, "--horizon", "2", "--quantiles", "0.5,1.5"]).run() } throws: { error in
        String(describing: error).contains("'1.5' is not a level strictly between 0 and 1")
    }
}

/// Names holding a comma or a quote are quoted in the forecast output, and the forecast input
/// reads them back as they were: the output's first three columns, bytes unchanged, are an input.
@Test func quotedSeriesNamesRoundTripFromOutputToInput() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let names = ["chat, 8b", "say \"hi\"", "plain"]
    var text = "series,timestamp,value\n"
    for name in names {
        for i in 0..<(3 * 96) { text += "\(CSV.field(name)),\(1_700_000_100 + i * 900),\(10 + i % 96)\n" }
    }
    let input = try scratch.write("in.csv", text)
    #expect(try ForecastInput.read(path: input).series.map(\.name) == names)
    let out = scratch.path("out.csv")
    try parseForecast(["--input", input, "--horizon", "4", "--output", out, "--seasonality", "96"]).run()
    let written = try String(contentsOfFile: out, encoding: .utf8)
    #expect(written.contains("\n\"chat, 8b\",") && written.contains("\n\"say \"\"hi\"\"\","))
    var again = "series,timestamp,value\n"
    for line in written.split(separator: "\n").dropFirst() {
        let bytes = Array(line.utf8)
        let fields = try bytes.withUnsafeBufferPointer { try CSV.split($0).get() }
        let end = fields[2].end
        again += String(decoding: bytes[..<end], as: UTF8.self) + "\n"
    }
    let reread = try ForecastInput.parse(Array(again.utf8), file: "out.csv")
    #expect(reread.series.map(\.name) == names)
    #expect(reread.series.allSatisfy { $0.values.count == 4 })
}

@Test func timestampsRoundTrip() throws {
    #expect(ForecastTimestamp.parse("2014-07-01T00:30:00Z")?.seconds == 1_404_174_600)
    #expect(ForecastTimestamp.parse("2014-07-01T02:30:00+02:00")?.seconds == 1_404_174_600)
    #expect(ForecastTimestamp.parse("2014-07-01 00:30:00.250Z")?.seconds == 1_404_174_600)
    #expect(ForecastTimestamp.parse("1404174600")?.isEpoch == true)
    #expect(ForecastTimestamp.parse("2014-13-01T00:00:00Z") == nil)
    #expect(ForecastTimestamp.parse("2014-07-01T00:30:00") == nil)
    #expect(ForecastTimestamp.format(1_404_174_600) == "2014-07-01T00:30:00Z")
    #expect(ForecastTimestamp.format(-1) == "1969-12-31T23:59:59Z")
}

@Test func eventCalendarIsReadAndValidated() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let good = try scratch.write("events.csv", "name,start,end\nlaunch,2024-01-06T12:00:00Z,2024-01-06T18:00:00Z\nsale,0,3600\n")
    let events = try ForecastEvents.read(path: good)
    #expect(events.count == 2 && events[0].name == "launch" && events[0].end - events[0].start == 21_600)
    let bad = try scratch.write("bad-events.csv", "name,start,end\nx,2024-01-06T12:00:00Z,2024-01-06T11:00:00Z\ny,soon,later\n")
    #expect { try ForecastEvents.read(path: bad) } throws: { error in
        let message = String(describing: error)
        return message.hasPrefix("2 problems in \(bad):")
            && message.contains("\(bad):2: column 3 (end): the event ends at or before its start")
            && message.contains("\(bad):3: column 2 (start): 'soon' is not an RFC 3339 timestamp or epoch seconds")
    }
    let command = try #require(try Headroom.parseAsRoot(["forecast", "--input", good, "--horizon", "2", "--events", good])
        as? ForecastFileCommand)
    #expect(try command.model.engineOptions(origins: 3).events.count == 2)
}
