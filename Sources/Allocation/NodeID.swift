/// A node's identity: a number the engine assigns in order, never reused within a pool.
public struct NodeID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The number, from 0.
    public var number: Int

    public init(_ number: Int) { self.number = number }

    public static func < (a: NodeID, b: NodeID) -> Bool { a.number < b.number }

    /// `node-17`: the name a provider gives the machine (a Kubernetes node name, a tag).
    public var description: String { "node-\(number)" }
}
