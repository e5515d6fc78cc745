import Crypto
import Foundation
import Traffic

/// A `POST /v1/traffic` body in JSON, read straight into traffic rows by the validator the CSV
/// reader uses (``TrafficCSVReader/row(_:line:)``), so both bodies follow one set of rules. The
/// JSON is an array of objects with exactly the CSV's columns: `timestamp`, `model`, `region`,
/// `metric` (strings) and `value` (a number). Element `i` is reported as line `i + 2`, as if
/// the body were a CSV file with its header (``locate(_:json:)`` turns that back into `[i]`).
enum TrafficBody {
    /// The records of a JSON body (rows, and rows refused with their problem) and the SHA-256 of
    /// the body, for the ingest log.
    /// - Throws: ``Problem`` `invalid-body` naming the element and field at fault when the body
    ///   is not an array of row objects with the columns' fields and types.
    static func records(fromJSON data: Data) throws -> (records: [TrafficRecord], sha256: String) {
        let rows: [[String: JSONField]]
        do {
            rows = try JSONDecoder().decode([[String: JSONField]].self, from: data)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw Problem(.invalidBody, "the body is not valid JSON")
        } catch let DecodingError.typeMismatch(_, context) {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            throw Problem(.invalidBody, path.isEmpty
                ? "the JSON body must be an array of traffic rows"
                : "\(path): each row must be a JSON object")
        } catch {
            throw Problem(.invalidBody, "the JSON body must be an array of traffic row objects")
        }
        guard !rows.isEmpty else { throw Problem(.invalidBody, "the JSON body holds no traffic rows") }
        let expected = Set(TrafficColumn.allCases.map(\.rawValue))
        var reader = TrafficCSVReader()
        var records: [TrafficRecord] = []
        records.reserveCapacity(rows.count)
        for (index, object) in rows.enumerated() {
            if let unknown = object.keys.sorted().first(where: { !expected.contains($0) }) {
                throw Problem(.invalidBody, "[\(index)].\(unknown): unknown field; a row has \(TrafficColumn.documented)")
            }
            var fields: [String] = []
            for column in TrafficColumn.allCases {
                let location = "[\(index)].\(column.rawValue)"
                switch (object[column.rawValue], column == .value) {
                case (nil, _):
                    throw Problem(.invalidBody, "\(location): missing")
                case (.number(let number)?, true):
                    fields.append("\(number)")
                case (.string(let string)?, false):
                    fields.append(string)
                case (_?, let numeric):
                    throw Problem(.invalidBody, "\(location): must be a \(numeric ? "number" : "string")")
                }
            }
            switch reader.row(fields, line: index + 2) {
            case .success(let row): records.append(.row(row))
            case .failure(let problem): records.append(.rejected(problem, text: CSV.line(fields, terminator: "")))
            }
        }
        return (records, Hex.lowercase(SHA256.hash(data: data)))
    }

    /// One JSON value of a row, as far as the conversion cares.
    enum JSONField: Decodable {
        case string(String)
        case number(Double)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if (try? container.decode(Bool.self)) != nil {
                self = .other
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let string = try? container.decode(String.self) {
                self = .string(string)
            } else {
                self = .other
            }
        }
    }

    /// A problem found by the validator, placed in the body the client sent: a CSV line, or the
    /// JSON element (line 2 is element 0) and field.
    static func locate(_ problem: TrafficProblem, json: Bool) -> String {
        guard json, let line = problem.line else { return problem.description }
        let field = problem.column.map { ".\($0.name)" } ?? ""
        return "[\(line - 2)]\(field): \(problem.reason)"
    }
}
