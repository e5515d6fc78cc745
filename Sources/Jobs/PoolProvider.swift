public import Allocation

/// Where the allocation engine's actions take effect, and where news about nodes comes from:
/// the node pool behind a protocol.
///
/// The contract makes execution exactly-once across crashes: a round is recorded whole, with the
/// events it took, before any of it is applied; `apply` must be idempotent by `action.id` (the
/// id is the idempotency key a cloud API or a Kubernetes object name carries); and the caller
/// resumes `pending()` actions before it computes a new round. Events (a node ready, lost, or
/// about to be reclaimed) are given to the engine once each: `events()` lists those not yet
/// taken and `record` takes them. docs/ALLOCATION.md describes how a cloud or Kubernetes
/// provider implements it; ``PoolProviderKind`` builds the configured one.
public protocol PoolProvider: Sendable {
    /// How nodes become ready: on schedule (the embedded pool) or when the provider reports them.
    var nodeReadiness: NodeReadiness { get }
    /// The pool as the provider knows it: every applied action, applied in order.
    func load() async throws -> NodePool
    /// Actions recorded but not yet applied (after a crash), in order.
    func pending() async throws -> [Action]
    /// News about nodes that no round has taken yet, in arrival order.
    func events() async throws -> [ProviderEvent]
    /// Records a whole round (`round` is its number, also for a round without actions) and marks
    /// `events` taken by it, in one step, before any of it is applied.
    func record(_ actions: [Action], round: Int, taking events: [ProviderEvent], planRunID: Int64?) async throws
    /// Takes news delivered from outside (a webhook, a person) for the next round, and wakes
    /// the listeners of ``arrivals()``.
    /// - Throws: ``PoolEventError`` when the event cannot be about this pool (nothing is kept).
    func receive(_ event: PoolEvent) async throws -> ProviderEvent
    /// Carries out one action and marks it applied; a second call for the same id does nothing.
    func apply(_ action: Action) async throws
    /// Yields each time news arrives in this process, so that a service reconciles at once
    /// instead of at its next scheduled run. Each call is a new stream.
    func arrivals() -> AsyncStream<Void>
}

/// An event as a provider delivered it: the event and its place in the provider's order.
public struct ProviderEvent: Sendable, Hashable {
    /// The provider's id for it (ascending in arrival order).
    public var id: Int64
    public var event: PoolEvent

    public init(id: Int64, event: PoolEvent) {
        self.id = id
        self.event = event
    }
}
