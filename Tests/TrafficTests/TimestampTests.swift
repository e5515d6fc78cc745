import Testing
import Traffic

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2024-05-01T13:05:00Z", Int64(1_714_568_700)),
        ("2024-05-01t13:05:00z", 1_714_568_700),
        ("2024-05-01 13:05:00Z", 1_714_568_700),
        ("2024-05-01T15:05:00+02:00", 1_714_568_700),
        ("2024-05-01T07:35:00-05:30", 1_714_568_700),
        ("2024-05-01T13:05:00.999Z", 1_714_568_700),
        ("2024-02-29T00:00:00Z", 1_709_164_800),
        ("1970-01-01T00:00:00Z", 0),
        ("1714568700", 1_714_568_700),
        ("0", 0),
    ])
    func parses(text: String, seconds: Int64) {
        #expect(Timestamp.parse(text) == seconds)
    }

    @Test(arguments: [
        "", "2024-05-01", "2024-05-01T13:05:00", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
        "2024-04-31T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T13:60:00Z", "2024-05-01T13:05:00+2:00",
        "2024-05-01T13:05:00.Z", "2024-05-01T13:05:00Zjunk", "-5", "+5", "1.5", "99999999999999",
        "1969-12-31T23:59:59Z", "２０２４-05-01T13:05:00Z",
    ])
    func rejects(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func formatsAndRoundTrips() {
        #expect(Timestamp.format(1_714_568_700) == "2024-05-01T13:05:00Z")
        #expect(Timestamp.format(0) == "1970-01-01T00:00:00Z")
        for seconds in stride(from: Int64(0), to: 4_000_000_000, by: 86_399 * 37) {
            #expect(Timestamp.parse(Timestamp.format(seconds)) == seconds)
        }
    }
}
