import Forecasting
import Traffic

/// The event calendar file of `--events`: `name,start,end` (RFC 3339 or epoch seconds, end
/// exclusive), one occurrence per line; occurrences with the same name share one effect.
enum ForecastEvents {
    /// Reads and validates `path`.
    /// - Throws: `ForecastInputError` listing up to 20 problems with line and column.
    static func read(path: String) throws(ForecastInputError) -> [CalendarEvent] {
        guard let bytes = ForecastFile.readAll(path) else {
            throw ForecastInputError(file: path, problems: [.init(line: 0, column: nil, message: "cannot read the file")])
        }
        var problems = ForecastInputError(file: path, problems: [])
        var events: [CalendarEvent] = []
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty { continue }
            // RFC 4180 quotes honoured: an event name may hold a comma.
            var text = String(line)
            let split = text.withUTF8 { buffer in CSV.split(buffer).map { $0.map { CSV.string($0, in: buffer).trimmed } } }
            if index == 0 {
                if (try? split.get())?.map({ $0.lowercased() }) != ["name", "start", "end"] {
                    problems.add(line: 1, column: nil, "events header must be 'name,start,end', found '\(line)'")
                    throw problems
                }
                continue
            }
            let fields: [String]
            switch split {
            case .success(let found): fields = found
            case .failure(let error):
                problems.add(line: index + 1, column: nil, error.description)
                continue
            }
            guard fields.count == 3 else {
                problems.add(line: index + 1, column: nil, "expected 3 fields (name,start,end), found \(fields.count)")
                continue
            }
            guard !fields[0].isEmpty else {
                problems.add(line: index + 1, column: nil, "column 1 (name): the event name is empty")
                continue
            }
            guard let start = ForecastTimestamp.parse(Substring(fields[1]))?.seconds else {
                problems.add(line: index + 1, column: nil, "column 2 (start): '\(fields[1])' is not an RFC 3339 timestamp or epoch seconds")
                continue
            }
            guard let end = ForecastTimestamp.parse(Substring(fields[2]))?.seconds else {
                problems.add(line: index + 1, column: nil, "column 3 (end): '\(fields[2])' is not an RFC 3339 timestamp or epoch seconds")
                continue
            }
            guard end > start else {
                problems.add(line: index + 1, column: nil, "column 3 (end): the event ends at or before its start")
                continue
            }
            events.append(CalendarEvent(name: fields[0], start: start, end: end))
        }
        if problems.total > 0 { throw problems }
        return events
    }
}
