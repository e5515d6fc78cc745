import Testing
import Traffic

@Suite struct DecimalParserTests {
    func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { DecimalParser.parse($0) }
    }

    @Test(arguments: ["0", "12", "12.5", ".5", "5.", "-3", "+3", "1e3", "1.5E-7", "0.1", "0.30000000000000004",
                      "123456789012345678901234567890", "4.9e-324", "1.7976931348623157e308", "00012.50"])
    func matchesTheStandardLibrary(text: String) {
        #expect(parse(text) == Double(text))
    }

    @Test(arguments: ["", "-", ".", "e5", "1e", "1e+", "abc", "1,5", "0x10", "nan", "inf", "1 ", " 1", "1..2", "--1"])
    func rejects(text: String) {
        #expect(parse(text) == nil)
    }

    @Test func roundTripsRandomValues() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let value = random.uniform() * pow(10, Double(Int(random.uniform() * 16)) - 4)
            let text = "\(value)"
            #expect(parse(text) == value, "\(text)")
            let fixed = String(Int(value * 1_000)) + "." + String(Int(random.uniform() * 1_000))
            #expect(parse(fixed) == Double(fixed), "\(fixed)")
        }
    }

    @Test func overflowIsInfiniteSoTheReaderCanRefuseIt() {
        #expect(parse("1e400") == .infinity)
    }
}

#if canImport(Glibc)
import Glibc
#endif
