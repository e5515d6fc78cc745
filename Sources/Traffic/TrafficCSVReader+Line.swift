extension TrafficCSVReader {
    /// Handles one line (without its line break). `complete` is false for a last line that had
    /// no line break, which may be a file cut off mid-row.
    mutating func line(
        _ raw: UnsafeBufferPointer<UInt8>, complete: Bool, _ emit: (TrafficRecord) throws -> Void
    ) rethrows {
        lineCount += 1
        var bytes = raw
        if let last = bytes.last, last == UInt8(ascii: "\r") {
            bytes = UnsafeBufferPointer(rebasing: bytes.dropLast())
        }
        if lineCount == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes = UnsafeBufferPointer(rebasing: bytes[3...])
        }
        guard let layout else {
            try header(bytes, emit)
            return
        }
        if bytes.isEmpty { return }
        rowCount += 1
        switch CSV.split(bytes) {
        case .failure(let error):
            var reason = error.description
            if !complete, error.unclosedQuote { reason += "; the file ends in the middle of this row" }
            try emit(.rejected(TrafficProblem(line: lineCount, reason: reason), text: Self.text(bytes)))
        case .success(let fields) where fields.count != layout.count:
            var reason = "row has \(fields.count) field\(fields.count == 1 ? "" : "s"), the header has \(layout.count)"
            if !complete, fields.count < layout.count { reason += "; the file ends in the middle of this row" }
            try emit(.rejected(TrafficProblem(line: lineCount, reason: reason), text: Self.text(bytes)))
        case .success(let fields):
            switch row(fields, in: bytes, layout: layout) {
            case .success(let row): try emit(.row(row))
            case .failure(let problem): try emit(.rejected(problem, text: Self.text(bytes)))
            }
        }
    }

    /// Reads the header: each documented column exactly once, nothing else.
    mutating func header(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (TrafficRecord) throws -> Void) rethrows {
        let expected = "expected a header naming \(TrafficColumn.documented)"
        guard case .success(let fields) = CSV.split(bytes) else {
            try stop(TrafficProblem(line: 1, reason: "the header is not valid CSV; \(expected)"), emit)
            return
        }
        if bytes.isEmpty {
            try stop(TrafficProblem(line: 1, reason: "the header line is empty; \(expected)"), emit)
            return
        }
        var columns: [TrafficColumn] = []
        for (index, field) in fields.enumerated() {
            let name = CSV.string(field, in: bytes).trimmingSpaces.lowercased()
            guard let column = TrafficColumn(rawValue: name) else {
                let shown = Self.shown(CSV.string(field, in: bytes))
                try stop(TrafficProblem(
                    line: 1, column: (index + 1, shown),
                    reason: "unknown column '\(shown)'; \(expected)"), emit)
                return
            }
            guard !columns.contains(column) else {
                try stop(TrafficProblem(
                    line: 1, column: (index + 1, name), reason: "column '\(name)' appears twice"), emit)
                return
            }
            columns.append(column)
        }
        let missing = TrafficColumn.allCases.filter { !columns.contains($0) }
        guard missing.isEmpty else {
            let list = missing.map(\.rawValue).joined(separator: ", ")
            try stop(TrafficProblem(
                line: 1, reason: "missing column\(missing.count == 1 ? "" : "s") \(list); \(expected)"), emit)
            return
        }
        layout = columns
    }

    /// Validates the fields of one data row.
    mutating func row(
        _ fields: [CSV.Field], in bytes: UnsafeBufferPointer<UInt8>, layout: [TrafficColumn]
    ) -> Result<TrafficRow, TrafficProblem> {
        var parsed = ParsedRow()
        for (index, column) in layout.enumerated() {
            let outcome: String? = CSV.withBytes(fields[index], in: bytes) { text in
                problem(column, text, into: &parsed)
            }
            if let outcome {
                return .failure(TrafficProblem(line: lineCount, column: (index + 1, column.rawValue), reason: outcome))
            }
        }
        return .success(parsed.row(line: lineCount))
    }

    /// Validates one row given field by field, in ``TrafficColumn`` order (timestamp, model,
    /// region, metric, value), under the same rules as a CSV line: for bodies that arrive in
    /// fields already (a JSON array). `line` is the row's place to report (the caller's
    /// numbering); a problem names the column in ``TrafficColumn`` order.
    public mutating func row(_ fields: [String], line: Int) -> Result<TrafficRow, TrafficProblem> {
        precondition(fields.count == TrafficColumn.allCases.count, "one field per column")
        var parsed = ParsedRow()
        for (index, column) in TrafficColumn.allCases.enumerated() {
            var text = fields[index]
            let outcome = text.withUTF8 { problem(column, $0, into: &parsed) }
            if let outcome {
                return .failure(TrafficProblem(line: line, column: (index + 1, column.rawValue), reason: outcome))
            }
        }
        return .success(parsed.row(line: line))
    }

    /// The fields of a row as they are validated.
    struct ParsedRow {
        var timestamp: Int64 = 0
        var value = 0.0
        var model = ""
        var region = ""
        var metric = Metric.requests

        func row(line: Int) -> TrafficRow {
            TrafficRow(key: SeriesKey(model: model, region: region, metric: metric), timestamp: timestamp, value: value,
                       line: line)
        }
    }

    /// Validates one field into `parsed`; the reason it is refused, or nil.
    mutating func problem(_ column: TrafficColumn, _ text: UnsafeBufferPointer<UInt8>, into parsed: inout ParsedRow) -> String? {
        switch column {
        case .timestamp:
            guard let seconds = Timestamp.parse(text) else {
                if text.isEmpty { return "timestamp is empty" }
                return "'\(Self.shown(text))' is not an RFC 3339 time with Z or an offset "
                    + "(e.g. 2024-05-01T13:05:00Z) nor whole Unix seconds"
            }
            parsed.timestamp = seconds
        case .value:
            guard let number = DecimalParser.parse(text) else {
                if text.isEmpty { return "value is empty" }
                let lowered = String(decoding: text, as: UTF8.self).lowercased()
                if ["nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"]
                    .contains(lowered) {
                    return "'\(Self.shown(text))' is not a finite number"
                }
                return "'\(Self.shown(text))' is not a number"
            }
            guard number.isFinite else { return "'\(Self.shown(text))' is not a finite number" }
            guard number >= 0 else { return "value \(Self.shown(text)) is negative; counts are never below 0" }
            parsed.value = number + 0  // turns -0 into 0
        case .metric:
            guard let metric = Metric(rawValue: String(decoding: text, as: UTF8.self)) else {
                return "unknown metric '\(Self.shown(text))'; expected one of \(Metric.accepted)"
            }
            parsed.metric = metric
        case .model:
            switch names.model(text) {
            case .success(let name): parsed.model = name
            case .failure(let error): return "model \(error.reason)"
            }
        case .region:
            switch names.region(text) {
            case .success(let name): parsed.region = name
            case .failure(let error): return "region \(error.reason)"
            }
        }
        return nil
    }
}
