public import Allocation

/// Where the allocation engine's actions take effect: the node pool behind a protocol.
///
/// The contract makes execution exactly-once across crashes: a round is recorded whole before
/// any of it is applied; `apply` must be idempotent by `action.id` (the id is the idempotency
/// key a cloud API or a Kubernetes object name carries); and the caller resumes `pending()`
/// actions before it computes a new round. docs/ALLOCATION.md describes how a cloud or
/// Kubernetes provider implements it.
public protocol PoolProvider {
    /// The pool as the provider knows it: every applied action, applied in order.
    func load() throws -> NodePool
    /// Actions recorded but not yet applied (after a crash), in order.
    func pending() throws -> [Action]
    /// Records a whole round before any of it is applied.
    func record(_ round: [Action], planRunID: Int64?) throws
    /// Carries out one action and marks it applied; a second call for the same id does nothing.
    func apply(_ action: Action) throws
}
