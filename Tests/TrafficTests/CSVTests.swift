import Testing
import Traffic

@Suite struct CSVTests {
    @Test func fieldsAreQuotedAsRFC4180Requires() {
        #expect(CSV.field("chat-8b") == "chat-8b")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("two\nlines") == "\"two\nlines\"")
        #expect(CSV.field("cr\r") == "\"cr\r\"")
        #expect(CSV.field("") == "")
        #expect(CSV.quoted("plain") == "\"plain\"")
        #expect(CSV.quoted("") == "\"\"")
        #expect(CSV.line(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
        #expect(CSV.line(["a", "b"], terminator: "\n") == "a,b\n")
    }

    /// The fields of `line` as strings, or the splitter's error text.
    func split(_ line: String) -> Result<[String], CSV.FieldError> {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            CSV.split(buffer).map { fields in fields.map { CSV.string($0, in: buffer) } }
        }
    }

    @Test func splitHonoursQuotes() throws {
        #expect(try split("a,b,c").get() == ["a", "b", "c"])
        #expect(try split("").get() == [""])
        #expect(try split("a,").get() == ["a", ""])
        #expect(try split("\"a,b\",\"say \"\"hi\"\"\",").get() == ["a,b", "say \"hi\"", ""])
        #expect(try split("a\"b,c").get() == ["a\"b", "c"])
    }

    @Test func splitNamesTheFieldOfABadQuote() {
        guard case .failure(let open) = split("a,\"b") else { Issue.record("accepted an open quote"); return }
        #expect(open.description == "field 2 opens a quote that is not closed on this line")
        #expect(open.unclosedQuote)
        guard case .failure(let after) = split("\"a\"b,c") else { Issue.record("accepted text after a quote"); return }
        #expect(after.description == "field 1 has text after its closing quote")
        #expect(!after.unclosedQuote)
    }

    /// Whatever the writer quotes, the splitter reads back as it was.
    @Test func writtenFieldsSplitBackUnchanged() throws {
        let fields = ["plain", "a,b", "say \"hi\"", "", "\"", ",,", "ünïcode, too"]
        var line = CSV.line(fields, terminator: "")
        #expect(try split(line).get() == fields)
        line = fields.map(CSV.quoted).joined(separator: ",")
        #expect(try split(line).get() == fields)
    }
}
