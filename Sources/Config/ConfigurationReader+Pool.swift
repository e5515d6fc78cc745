import Jobs

extension ConfigurationReader {
    /// The keys of `pool`.
    enum PoolSectionKey: String, ConfigurationKey {
        case provider
    }

    /// `pool`: optional; `provider` names the node pool the execute job drives (default
    /// `embedded`, the pool kept in the database).
    static func poolProvider(_ value: YAMLValue?) throws(ConfigurationError) -> PoolProviderKind {
        guard let value else { return .embedded }
        let fields = try value.fields(PoolSectionKey.self)
        guard let provider = fields[.provider] else { return .embedded }
        let name = try provider.string()
        guard let kind = PoolProviderKind(rawValue: name) else {
            throw provider.error("'\(name)' is not a pool provider; this build has "
                + PoolProviderKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }
}
