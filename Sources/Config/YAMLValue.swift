import Traffic
import Yams

/// A YAML node with the key path that leads to it, and typed readers whose errors name that path.
struct YAMLValue {
    var node: Node
    var path: String
    /// Line of the key this value belongs to, if it is a mapping value.
    var keyLine: Int?

    /// The line to show: the key's line for mapping values, else the node's own.
    var line: Int? { keyLine ?? node.mark?.line }

    func error(_ reason: String) -> ConfigurationError {
        ConfigurationError(path: path, reason: reason, line: line)
    }

    /// `parent.key`, or `key` at the root.
    static func join(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : "\(parent).\(key)" }

    var kind: String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The entries of a mapping, in document order, with string keys.
    func entries() throws(ConfigurationError) -> [(key: String, value: YAMLValue)] {
        guard case .mapping(let mapping) = node else { throw error("must be a mapping, got \(kind)") }
        var result: [(key: String, value: YAMLValue)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, !scalar.string.isEmpty else {
                throw ConfigurationError(path: path, reason: "keys must be non-empty names", line: key.mark?.line)
            }
            result.append((scalar.string, YAMLValue(node: value, path: Self.join(path, scalar.string), keyLine: key.mark?.line)))
        }
        return result
    }

    /// The mapping's values by key, after checking that every key is one of `Key`'s and that
    /// every key of `required` is present.
    func fields<Key: ConfigurationKey>(_: Key.Type, required: [Key] = []) throws(ConfigurationError) -> Fields<Key> {
        Fields(mapping: self, values: try fields(expected: Key.allCases.map(\.rawValue), required: required,
                                                 named: Key.init(rawValue:)))
    }

    /// The mapping's values by key, after checking that every key is one of `allowed` and that
    /// every key of `required` is present.
    func fields(allowed: [String], required: [String] = []) throws(ConfigurationError) -> [String: YAMLValue] {
        try fields(expected: allowed, required: required) { allowed.contains($0) ? $0 : nil }
    }

    /// The mapping's values by the key `named` finds for each name (nil for an unknown key; the
    /// error lists `expected`), after checking that every key of `required` is present.
    private func fields<Key: Hashable & CustomStringConvertible>(
        expected: [String], required: [Key], named: (String) -> Key?
    ) throws(ConfigurationError) -> [Key: YAMLValue] {
        var fields: [Key: YAMLValue] = [:]
        for (name, value) in try entries() {
            guard let key = named(name) else {
                throw ConfigurationError(path: value.path, reason: "unknown key '\(name)' (expected one of: "
                    + expected.joined(separator: ", ") + ")", line: value.line)
            }
            fields[key] = value
        }
        for key in required where fields[key] == nil {
            throw error("missing required key '\(key)'")
        }
        return fields
    }

    func items() throws(ConfigurationError) -> [YAMLValue] {
        guard case .sequence(let sequence) = node else { throw error("must be a list, got \(kind)") }
        return sequence.enumerated().map { YAMLValue(node: $1, path: "\(path)[\($0)]") }
    }

    func string() throws(ConfigurationError) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else { throw error("must be a non-empty string, got \(kind)") }
        return scalar.string
    }

    func number() throws(ConfigurationError) -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string.replacingUnderscores()), value.isFinite else {
            throw error("must be a number, got \(kind)")
        }
        return value
    }

    func integer() throws(ConfigurationError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.replacingUnderscores()) else {
            throw error("must be a whole number, got \(kind)")
        }
        return value
    }

    /// A number that is at least 0.
    func nonNegative() throws(ConfigurationError) -> Double {
        let value = try number()
        guard value >= 0 else { throw error("must not be negative, got \(value)") }
        return value
    }

    /// A number greater than 0.
    func positive() throws(ConfigurationError) -> Double {
        let value = try number()
        guard value > 0 else { throw error("must be greater than 0, got \(value)") }
        return value
    }

    /// A whole number of at least `minimum` and at most `maximum`.
    func integer(atLeast minimum: Int, atMost maximum: Int = 1_000_000) throws(ConfigurationError) -> Int {
        let value = try integer()
        guard value >= minimum else { throw error("must be at least \(minimum), got \(value)") }
        guard value <= maximum else { throw error("must be at most \(maximum), got \(value)") }
        return value
    }

    /// Seconds, not negative: a number (`90`, `2.5`) or a duration (`90s`, `15m`, `4h`).
    func seconds() throws(ConfigurationError) -> Double {
        let seconds: Double
        if case .scalar(let scalar) = node, Double(scalar.string.replacingUnderscores()) != nil {
            seconds = try nonNegative()
        } else {
            seconds = Double(try duration())
        }
        guard seconds <= Double(Self.longestSeconds) else { throw error("must be at most 366 days, got \(seconds) s") }
        return seconds
    }

    /// A duration: `90`, `90s`, `15m`, `48h`, `28d` (whole numbers), in seconds.
    func duration() throws(ConfigurationError) -> Int64 {
        guard case .scalar(let scalar) = node else { throw error("must be a duration such as 90s, 15m, 48h or 28d, got \(kind)") }
        let text = scalar.string
        guard text.last != "w", let seconds = DurationText.seconds(text) else {
            throw error("must be a duration such as 90s, 15m, 48h or 28d, got \(kind)")
        }
        guard seconds <= Self.longestSeconds else { throw error("must be at most 366 days, got \(kind)") }
        return seconds
    }

    /// The longest duration accepted anywhere: 366 days.
    static let longestSeconds: Int64 = 366 * 86_400
}

extension String {
    /// YAML 1.1 allows `1_000`; so do we.
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
