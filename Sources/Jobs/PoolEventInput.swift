public import Allocation
import Traffic

/// Provider news as a person or a webhook writes it (`POST /v1/pool/events`, `headroom pool
/// event`): a kind, a node, when it happened and, for an interruption notice, when the node is
/// reclaimed. One reader for both entry points, so they accept and refuse the same things.
public enum PoolEventInput {
    /// The event the fields describe. `at` defaults to `now`; times are RFC 3339 or Unix seconds.
    /// - Throws: ``PoolEventInputError`` naming the field and what is wrong with it.
    public static func event(kind: String, node: String, at: String?, reclaimAt: String?, now: Int64)
        throws(PoolEventInputError) -> PoolEvent {
        guard let name = PoolEventName(rawValue: kind) else {
            throw PoolEventInputError(field: "kind", reason: "'\(kind)' is not one of "
                + PoolEventName.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let id = try nodeID(node)
        let time = try at.map { text throws(PoolEventInputError) in try seconds(text, field: "at") } ?? now
        switch name {
        case .nodeReady, .nodeLost:
            guard reclaimAt == nil else {
                throw PoolEventInputError(field: "reclaim_at", reason: "only an interruption-notice has a reclaim time")
            }
            return name == .nodeReady ? .nodeReady(id, at: time) : .nodeLost(id, at: time)
        case .interruptionNotice:
            guard let reclaimAt else {
                throw PoolEventInputError(field: "reclaim_at", reason: "an interruption-notice needs the time the node is reclaimed")
            }
            let reclaim = try seconds(reclaimAt, field: "reclaim_at")
            guard reclaim >= time else {
                throw PoolEventInputError(field: "reclaim_at", reason: "\(reclaimAt) is before the notice (\(Timestamp.format(time)))")
            }
            return .interruptionNotice(id, at: time, reclaimAt: reclaim)
        }
    }

    /// `node-17` or `17`.
    static func nodeID(_ text: String) throws(PoolEventInputError) -> NodeID {
        let digits = text.hasPrefix("node-") ? String(text.dropFirst(5)) : text
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCII), let number = Int(digits), number >= 0 else {
            throw PoolEventInputError(field: "node", reason: "'\(text)' is not a node name such as node-17")
        }
        return NodeID(number)
    }

    static func seconds(_ text: String, field: String) throws(PoolEventInputError) -> Int64 {
        guard let seconds = Timestamp.parse(text) else {
            throw PoolEventInputError(field: field, reason: "'\(text)' is not an RFC 3339 time with Z or an offset, nor Unix seconds")
        }
        return seconds
    }
}

/// A field of a provider event that cannot be read: which, and why. Nothing was stored.
public struct PoolEventInputError: Error, Equatable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public var description: String { "\(field): \(reason)" }
}
