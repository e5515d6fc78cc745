/// A replica's identity: a number the engine assigns in order, never reused within a pool.
public struct ReplicaID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The number, from 0.
    public var number: Int

    public init(_ number: Int) { self.number = number }

    public static func < (a: ReplicaID, b: ReplicaID) -> Bool { a.number < b.number }

    /// `replica-42`: the name a provider gives the workload (a pod name).
    public var description: String { "replica-\(number)" }
}
