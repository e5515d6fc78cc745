import Traffic
/// A long CSV of many series (`series,timestamp,value`), read into per-series points.
///
/// Values may be empty or `NaN` (missing). Problems are collected, not thrown one by one, so a
/// person sees up to 20 of them (file, line, column) and the total at once.
struct ForecastInput {
    /// One series' points in file order, with the line each came from.
    struct Series {
        var name: String
        var timestamps: [Int64] = []
        var values: [Double] = []
        var lines: [Int] = []
    }

    /// The series in order of first appearance.
    var series: [Series]
    /// Whether the timestamps were epoch seconds (the output then uses them too).
    var epochTimestamps: Bool

    /// Reads and validates `path`.
    /// - Throws: `ForecastInputError` listing the problems (unreadable file, header, fields).
    static func read(path: String) throws(ForecastInputError) -> ForecastInput {
        guard let bytes = ForecastFile.readAll(path) else {
            throw ForecastInputError(file: path, problems: [.init(line: 0, column: nil, message: "cannot read the file")])
        }
        return try parse(bytes, file: path)
    }

    static let columns = ["series", "timestamp", "value"]

    /// Whether a value field spells NaN (any case): a missing value.
    static func isNaN(_ field: ArraySlice<UInt8>) -> Bool {
        field.count == 3 && field.map { $0 | 0x20 } == Array("nan".utf8)
    }

    static func parse(_ bytes: [UInt8], file: String) throws(ForecastInputError) -> ForecastInput {
        var problems = ForecastInputError(file: file, problems: [])
        var series: [Series] = []
        var index: [String: Int] = [:]
        var epoch = 0, rfc = 0
        var lineNumber = 0
        var lastName: [UInt8] = [], lastIndex = -1
        var start = 0
        let newline = UInt8(ascii: "\n")
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != newline { end += 1 }
            lineNumber += 1
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            defer { start = end + 1 }
            if lineEnd == start { continue }
            if lineNumber == 1 {
                let header = String(decoding: bytes[start..<lineEnd], as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
                    .map { String($0).trimmed.lowercased() }
                if header != columns {
                    problems.add(line: 1, column: nil, "header must be 'series,timestamp,value', found '\(header.joined(separator: ","))'")
                    throw problems
                }
                continue
            }
            // The fields, RFC 4180 quotes honoured: a series name may hold a comma or a quote
            // (the forecast output quotes such names, and reads back here).
            let split = bytes.withUnsafeBufferPointer { CSV.split(UnsafeBufferPointer(rebasing: $0[start..<lineEnd])) }
            let fields: [CSV.Field]
            switch split {
            case .failure(let error):
                problems.add(line: lineNumber, column: nil, error.description)
                continue
            case .success(let found) where found.count != 3:
                problems.add(line: lineNumber, column: nil, "expected 3 fields (series,timestamp,value), found \(found.count > 3 ? "more than 3" : "\(found.count)")")
                continue
            case .success(let found):
                fields = found
            }
            func text(_ field: CSV.Field) -> ArraySlice<UInt8> {
                field.unescaped.map { $0[...] } ?? bytes[(start + field.start)..<(start + field.end)]
            }
            let name = text(fields[0]), timeText = text(fields[1]), valueText = text(fields[2])
            guard !name.isEmpty else {
                problems.add(line: lineNumber, column: 1, "series name is empty")
                continue
            }
            guard let time = ForecastTimestamp.parse(timeText) else {
                let text = String(decoding: timeText, as: UTF8.self)
                problems.add(line: lineNumber, column: 2, "'\(text)' is not an RFC 3339 timestamp or epoch seconds")
                continue
            }
            if time.isEpoch { epoch += 1 } else { rfc += 1 }
            var value = Double.nan
            if !valueText.isEmpty, !Self.isNaN(valueText) {
                let parsed = valueText.withUnsafeBufferPointer { DecimalParser.parse($0) }
                guard let parsed, parsed.isFinite else {
                    let text = String(decoding: valueText, as: UTF8.self)
                    problems.add(line: lineNumber, column: 3, "'\(text)' is not a finite number (leave it empty for missing)")
                    continue
                }
                value = parsed
            }
            let slot: Int
            if lastIndex >= 0, name.elementsEqual(lastName) {
                slot = lastIndex
            } else {
                let name = String(decoding: name, as: UTF8.self)
                if let known = index[name] { slot = known } else {
                    slot = series.count
                    index[name] = slot
                    series.append(Series(name: name))
                }
                lastName = Array(text(fields[0]))
                lastIndex = slot
            }
            series[slot].timestamps.append(time.seconds)
            series[slot].values.append(value)
            series[slot].lines.append(lineNumber)
        }
        if lineNumber == 0 { problems.add(line: 1, column: nil, "the file is empty (expected the header 'series,timestamp,value')") }
        else if series.isEmpty, problems.total == 0 { problems.add(line: 2, column: nil, "no data rows after the header") }
        if epoch > 0, rfc > 0 { problems.add(line: 0, column: 2, "mixes epoch seconds (\(epoch) rows) and RFC 3339 (\(rfc) rows)") }
        if problems.total > 0 { throw problems }
        return ForecastInput(series: series, epochTimestamps: epoch > 0)
    }
}

/// Problems found in an input file: up to 20 listed, and how many there were in all.
struct ForecastInputError: Error, CustomStringConvertible {
    struct Problem {
        var line: Int
        var column: Int?
        var message: String
    }

    let file: String
    var problems: [Problem]
    var total = 0
    static let listed = 20

    init(file: String, problems: [Problem]) {
        self.file = file
        self.problems = problems
        self.total = problems.count
    }

    mutating func add(line: Int, column: Int?, _ message: String) {
        total += 1
        if problems.count < Self.listed { problems.append(Problem(line: line, column: column, message: message)) }
    }

    var description: String {
        let names = ForecastInput.columns
        let lines = problems.map { problem -> String in
            var place = "\(file)"
            if problem.line > 0 { place += ":\(problem.line)" }
            if let column = problem.column { place += ": column \(column) (\(names[column - 1]))" }
            return "\(place): \(problem.message)"
        }
        let more = total > problems.count ? "\n... and \(total - problems.count) more" : ""
        return "\(total) problem\(total == 1 ? "" : "s") in \(file):\n" + lines.joined(separator: "\n") + more
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (and a UTF-8 byte order mark).
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\u{FEFF}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
