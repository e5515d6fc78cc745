public import Store

/// The pool providers this build has, as `pool.provider` in headroom.yaml names them: the one
/// place a provider is built.
///
/// Adding a provider: a case here, its `make`, and its own file implementing ``PoolProvider``.
public enum PoolProviderKind: String, CaseIterable, Sendable {
    /// The node pool kept in the database (``EmbeddedPoolProvider``): the default.
    case embedded

    /// The provider, over `database` (where runs, plans and the embedded pool live).
    public func make(database: AppDatabase) -> any PoolProvider {
        switch self {
        case .embedded: EmbeddedPoolProvider(database: database)
        }
    }
}
