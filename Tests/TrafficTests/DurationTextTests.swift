import Testing
import Traffic

@Test(arguments: [("90", Int64(90)), ("90s", 90), ("15m", 900), ("48h", 172_800), ("7d", 604_800), ("2w", 1_209_600), ("0", 0)])
func durationTextReads(text: String, seconds: Int64) {
    #expect(DurationText.seconds(text) == seconds)
}

@Test(arguments: ["", "m", "-5m", "1.5h", "5x", "５m", " 5m", "5 m", "99999999999999999999w", "1537228672809129301w"])
func durationTextRejects(text: String) {
    #expect(DurationText.seconds(text) == nil)
}
