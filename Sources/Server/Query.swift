import Hummingbird
import Traffic

/// A request's query parameters, checked: only the names a route accepts, each at most once and
/// never empty. Every refusal is a 400 ``Problem`` that names the parameter and its value.
struct Query {
    private var values: [String: String] = [:]

    init(_ request: Request, allowed: Set<String>) throws {
        for (name, value) in request.uri.queryParameters {
            let name = String(name)
            guard allowed.contains(name) else {
                let accepted = allowed.isEmpty ? "no query parameters" : "only " + allowed.sorted().joined(separator: ", ")
                throw Problem(.unknownParameter, "unknown query parameter '\(name)': \(request.uri.path) accepts \(accepted)")
            }
            guard values[name] == nil else {
                throw Problem(.invalidParameter, "query parameter '\(name)' is given more than once")
            }
            guard !value.isEmpty else {
                throw Problem(.invalidParameter, "query parameter '\(name)' is empty")
            }
            values[name] = String(value)
        }
    }

    /// The text of `name`, or nil when absent.
    func string(_ name: String) -> String? { values[name] }

    /// `name` as an RFC 3339 time (Unix seconds), or nil when absent.
    func time(_ name: String) throws -> Int64? {
        guard let text = values[name] else { return nil }
        guard let seconds = Timestamp.parse(text) else {
            throw Problem(.invalidParameter, "query parameter '\(name)': '\(text)' is not an RFC 3339 time (e.g. 2026-01-01T00:00:00Z)")
        }
        return seconds
    }

    /// `name` as an integer within `range`, or nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") || $0 == UInt8(ascii: "-") }),
              text == "0" || !text.hasPrefix("0"), let value = Int(text), range.contains(value) else {
            throw Problem(.invalidParameter,
                          "query parameter '\(name)': '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `name` as a decimal number within `range`, or nil when absent.
    func number(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = values[name] else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw Problem(.invalidParameter,
                          "query parameter '\(name)': '\(text)' is not a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `name` as one of the cases of `Value`, or nil when absent.
    func choice<Value: RawRepresentable & CaseIterable>(_ name: String, _: Value.Type) throws -> Value?
        where Value.RawValue == String
    {
        try choice(name, among: Value.allCases.map { $0 })
    }

    /// `name` as one of `choices`, or nil when absent.
    func choice<Value: RawRepresentable>(_ name: String, among choices: [Value]) throws -> Value?
        where Value.RawValue == String
    {
        guard let text = values[name] else { return nil }
        guard let value = choices.first(where: { $0.rawValue == text }) else {
            let accepted = choices.map(\.rawValue).joined(separator: ", ")
            throw Problem(.invalidParameter, "query parameter '\(name)': '\(text)' is not one of \(accepted)")
        }
        return value
    }

    /// A `[from, to)` range from the `from` and `to` parameters: both optional, `from` before `to`.
    func timeRange() throws -> (from: Int64?, to: Int64?) {
        let from = try time("from"), to = try time("to")
        if let from, let to, from >= to {
            throw Problem(.invalidParameter, "query parameters 'from' (\(Timestamp.format(from))) must be before 'to' (\(Timestamp.format(to)))")
        }
        return (from, to)
    }
}

/// A path parameter that must be a positive whole number (an id), written in its one canonical
/// way: decimal digits without a sign or leading zeros.
func identifier(_ context: some RequestContext, _ name: String = "id", meaning: String = "id") throws -> Int64 {
    let text = context.parameters.get(name) ?? ""
    // Digits only, no sign and no leading zero: `+1` and `01` are not the id 1.
    guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), text.first != "0",
          let id = Int64(text), id > 0 else {
        throw Problem(.invalidParameter, "'\(text)' is not a valid \(meaning): expected a positive whole number")
    }
    return id
}
