/// An action's identity: the reconcile round that emitted it and its position in that round.
///
/// Deterministic: the same pool, inputs and time give the same round number (the pool's
/// `nextRound`) and the same actions in the same order, so the same ids.
public struct ActionID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The round: the pool's `nextRound` when `reconcile` ran.
    public var round: Int
    /// Position within the round, from 0.
    public var index: Int

    public init(round: Int, index: Int) {
        self.round = round
        self.index = index
    }

    public static func < (a: ActionID, b: ActionID) -> Bool {
        (a.round, a.index) < (b.round, b.index)
    }

    /// `17.3`: round 17, action 3.
    public var description: String { "\(round).\(index)" }
}
