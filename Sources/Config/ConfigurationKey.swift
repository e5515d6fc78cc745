/// The keys of one mapping in headroom.yaml, one case per key, declared once: the raw value is
/// the key's spelling, read with ``YAMLValue/fields(_:required:)``, which reports any other key
/// of the mapping with its key path and line (listing the cases in declaration order), and
/// written into error messages (`description`).
protocol ConfigurationKey: RawRepresentable<String>, CaseIterable, Hashable, CustomStringConvertible
where AllCases == [Self] {}

extension ConfigurationKey {
    /// The key as spelled in the YAML.
    var description: String { rawValue }
}

/// The values of a mapping by key, read with ``YAMLValue/fields(_:required:)``.
struct Fields<Key: ConfigurationKey> {
    /// The mapping itself.
    let mapping: YAMLValue
    let values: [Key: YAMLValue]

    subscript(_ key: Key) -> YAMLValue? { values[key] }

    /// The value of `key`, which must be present.
    /// - Throws: ``ConfigurationError`` `missing required key` at the mapping.
    func required(_ key: Key) throws(ConfigurationError) -> YAMLValue {
        guard let value = values[key] else { throw mapping.error("missing required key '\(key)'") }
        return value
    }
}
