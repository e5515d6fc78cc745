import Foundation
import Traffic

/// A `POST /v1/traffic` body in JSON, turned into the ingestion CSV so that both bodies pass
/// the one validator the CLI uses. The JSON is an array of objects with exactly the CSV's
/// columns: `timestamp`, `model`, `region`, `metric` (strings) and `value` (a number).
enum TrafficBody {
    /// The CSV text of a JSON body.
    /// - Throws: ``Problem`` `invalid-body` naming the element and field at fault.
    static func csv(fromJSON data: Data) throws -> [UInt8] {
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
        var text = TrafficColumn.allCases.map(\.rawValue).joined(separator: ",") + "\n"
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
                    guard !string.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
                        throw Problem(.invalidBody, "\(location): must not contain line breaks")
                    }
                    fields.append(CSV.field(string))
                case (_?, let numeric):
                    throw Problem(.invalidBody, "\(location): must be a \(numeric ? "number" : "string")")
                }
            }
            text += fields.joined(separator: ",") + "\n"
        }
        return Array(text.utf8)
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
