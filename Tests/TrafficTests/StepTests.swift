import Testing
import Traffic

@Test(arguments: [("5m", 300), ("1h", 3_600), ("1d", 86_400), ("30s", 30), ("900", 900)])
func stepParses(text: String, seconds: Int64) throws {
    #expect(try Step(parsing: text).seconds == seconds)
}

@Test(arguments: ["", "0m", "-5m", "5x", "2d", "m", "1.5h", "５m"])
func stepRejects(text: String) {
    #expect(throws: StepError(text: text)) { try Step(parsing: text) }
}

@Test func stepFloorsNegativeTimestamps() throws {
    let step = try Step(parsing: "5m")
    #expect(step.floor(601) == 600)
    #expect(step.floor(600) == 600)
    #expect(step.floor(-1) == -300)
    #expect(step.description == "5m")
}
