import Testing
import Traffic

/// Reads `text` (as bytes) in chunks of `chunk` bytes and returns every record.
func read(_ bytes: [UInt8], chunk: Int = 1 << 20) -> [TrafficRecord] {
    var reader = TrafficCSVReader()
    var records: [TrafficRecord] = []
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + chunk)
        reader.consume(Array(bytes[start..<end])) { records.append($0) }
        start = end
    }
    reader.finish { records.append($0) }
    return records
}

func read(_ text: String, chunk: Int = 1 << 20) -> [TrafficRecord] { read(Array(text.utf8), chunk: chunk) }

func rows(_ records: [TrafficRecord]) -> [TrafficRow] {
    records.compactMap { if case .row(let row) = $0 { row } else { nil } }
}

func problems(_ records: [TrafficRecord]) -> [String] {
    records.compactMap {
        switch $0 {
        case .row: nil
        case .rejected(let problem, _), .fatal(let problem): problem.description
        }
    }
}

let header = "timestamp,model,region,metric,value\n"
let chatRequests = SeriesKey(model: "chat-8b", region: "us-east-1", metric: .requests)

@Suite struct TrafficCSVReaderTests {
    @Test func readsRowsInAnyColumnOrder() {
        let records = read("value,metric,region,model,timestamp\n12,requests,us-east-1,chat-8b,2024-05-01T13:05:00Z\n")
        #expect(rows(records) == [TrafficRow(key: chatRequests, timestamp: 1_714_568_700, value: 12, line: 2)])
    }

    @Test func acceptsCRLFByteOrderMarkQuotesAndBlankLines() {
        let text = "\u{FEFF}timestamp,model,region,metric,value\r\n"
            + "\"2024-05-01T13:05:00Z\",\"llama 3, 8b \"\"chat\"\"\",us-east-1,requests,\"1.5\"\r\n"
            + "\r\n"
            + "1714568700,chat-8b,us-east-1,input_tokens,3e2\r\n"
        let found = rows(read(text))
        #expect(problems(read(text)).isEmpty)
        #expect(found.count == 2)
        #expect(found.first?.key.model == "llama 3, 8b \"chat\"")
        #expect(found.first?.value == 1.5)
        #expect(found.last?.line == 4)
        #expect(found.last?.value == 300)
    }

    @Test func givesTheSameRecordsWhateverTheChunkSize() {
        var text = header
        for minute in 0..<50 {
            text += "2024-05-01T13:\(minute < 10 ? "0" : "")\(minute):00Z,chat-8b,us-east-1,requests,\(minute * 3)\n"
        }
        text += "bad,chat-8b,us-east-1,requests,1"
        let whole = read(text)
        for chunk in [1, 2, 3, 7, 64, 1_000] {
            #expect(read(text, chunk: chunk) == whole)
        }
        #expect(rows(whole).count == 50)
    }

    @Test func lastLineWithoutLineBreakIsRead() {
        #expect(rows(read(header + "0,chat-8b,us-east-1,requests,1")).count == 1)
    }

    @Test(arguments: [
        ("", "the file is empty: expected a header line naming timestamp, model, region, metric, value"),
        ("\n", "line 1: the header line is empty; expected a header naming timestamp, model, region, metric, value"),
        ("timestamp,model,region,metric\n", "line 1: missing column value; expected a header naming timestamp, model, region, metric, value"),
        ("timestamp,model,region,metric,value,zone\n", "line 1, column 6 (zone): unknown column 'zone'; expected a header naming timestamp, model, region, metric, value"),
        ("timestamp,model,region,metric,value,model\n", "line 1, column 6 (model): column 'model' appears twice"),
        ("2024-05-01T13:05:00Z,chat-8b,us-east-1,requests,1\n", "line 1, column 1 (2024-05-01T13:05:00Z): unknown column '2024-05-01T13:05:00Z'; expected a header naming timestamp, model, region, metric, value"),
        (header, "the file has a header but no data rows"),
    ])
    func refusesTheFile(text: String, message: String) {
        let records = read(text)
        #expect(problems(records) == [message])
        guard case .fatal = records.last else {
            Issue.record("expected a fatal record")
            return
        }
    }

    @Test(arguments: [
        ("x,chat-8b,us-east-1,requests,1", "line 2, column 1 (timestamp): 'x' is not an RFC 3339 time with Z or an offset (e.g. 2024-05-01T13:05:00Z) nor whole Unix seconds"),
        (",chat-8b,us-east-1,requests,1", "line 2, column 1 (timestamp): timestamp is empty"),
        ("0,chat-8b,us-east-1,requests,NaN", "line 2, column 5 (value): 'NaN' is not a finite number"),
        ("0,chat-8b,us-east-1,requests,-inf", "line 2, column 5 (value): '-inf' is not a finite number"),
        ("0,chat-8b,us-east-1,requests,1e999", "line 2, column 5 (value): '1e999' is not a finite number"),
        ("0,chat-8b,us-east-1,requests,-2", "line 2, column 5 (value): value -2 is negative; counts are never below 0"),
        ("0,chat-8b,us-east-1,requests,", "line 2, column 5 (value): value is empty"),
        ("0,chat-8b,us-east-1,requests,twelve", "line 2, column 5 (value): 'twelve' is not a number"),
        ("0,chat-8b,us-east-1,latency,1", "line 2, column 4 (metric): unknown metric 'latency'; expected one of requests, input_tokens, output_tokens"),
        ("0,,us-east-1,requests,1", "line 2, column 2 (model): model is empty"),
        ("0,chat-8b,us\teast,requests,1", "line 2, column 3 (region): region contains a control character (byte 0x9)"),
        ("0,chat-8b,us-east-1,requests", "line 2: row has 4 fields, the header has 5; the file ends in the middle of this row"),
        ("0,chat-8b,us-east-1,requests,1,2", "line 2: row has 6 fields, the header has 5"),
        ("0,\"chat-8b,us-east-1,requests,1", "line 2: field 2 opens a quote that is not closed on this line; the file ends in the middle of this row"),
        ("0,\"chat\"x,us-east-1,requests,1", "line 2: field 2 has text after its closing quote"),
    ])
    func rejectsTheRow(row: String, message: String) {
        let records = read(header + row)
        #expect(problems(records) == [message])
        #expect(rows(records).isEmpty)
    }

    @Test func rejectsInvalidUTF8WithItsLine() {
        var bytes = Array((header + "0,chat-8b,us-east-1,requests,1\n0,chat-").utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(",us-east-1,requests,1\n".utf8)
        let records = read(bytes)
        #expect(problems(records) == ["line 3, column 2 (model): model is not valid UTF-8"])
        #expect(rows(records).count == 1)
    }

    @Test func stopsAtAnOverlongLineWithoutBufferingTheRest() {
        var reader = TrafficCSVReader()
        var records: [TrafficRecord] = []
        reader.consume(Array((header + "0,").utf8)) { records.append($0) }
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 300_000)
        for _ in 0..<10 { reader.consume(chunk) { records.append($0) } }  // 3 MB, no line break
        reader.finish { records.append($0) }
        #expect(problems(records) == ["line 2: line is longer than 1048576 bytes (1 MiB), the limit; no row is that long"])
        #expect(reader.isStopped)
    }

    @Test func longLinesUnderTheLimitAreFine() {
        let model = String(repeating: "m", count: 150)
        #expect(rows(read(header + "0,\(model),us-east-1,requests,1\n")).count == 1)
        let tooLong = String(repeating: "m", count: 201)
        #expect(problems(read(header + "0,\(tooLong),us-east-1,requests,1\n"))
            == ["line 2, column 2 (model): model is longer than 200 bytes"])
    }
}
