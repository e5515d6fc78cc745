import Allocation
import Foundation
import Jobs
import Store
import Traffic

/// The body of `POST /v1/pool/events`: `{"kind", "node", "at"?, "reclaim_at"?}`, read by
/// ``PoolEventInput`` like `headroom pool event`.
enum PoolEventBody {
    static let fields = ["kind", "node", "at", "reclaim_at"]

    /// The event the body describes.
    /// - Throws: ``Problem`` `invalid-body` naming the field.
    static func event(_ body: Data, now: Int64) throws -> PoolEvent {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw Problem(.invalidBody, "the body must be a JSON object {\"kind\", \"node\", \"at\", \"reclaim_at\"}")
        }
        if let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
            throw Problem(.invalidBody, "\(unknown): not a field of a pool event (fields: \(fields.joined(separator: ", ")))")
        }
        func text(_ field: String, required: Bool) throws -> String? {
            guard let value = object[field], !(value is NSNull) else {
                if required { throw Problem(.invalidBody, "\(field): missing") }
                return nil
            }
            guard let string = value as? String else { throw Problem(.invalidBody, "\(field): must be a string") }
            return string
        }
        do {
            return try PoolEventInput.event(kind: try text("kind", required: true) ?? "", node: try text("node", required: true) ?? "",
                                            at: try text("at", required: false), reclaimAt: try text("reclaim_at", required: false),
                                            now: now)
        } catch let error as PoolEventInputError {
            throw Problem(.invalidBody, error.description)
        }
    }
}

/// One provider event: the answer of `POST /v1/pool/events` and an entry of its `GET`.
struct PoolEventDocument: Encodable {
    var id: Int64
    var kind: String
    var node: String
    var at: String
    var reclaimAt: String?
    /// The reconcile round that took it; nil while it waits for the next execute run.
    var takenRound: Int?

    init(_ received: ProviderEvent, taken: Int?) {
        id = received.id
        node = received.event.node.description
        at = Timestamp.format(received.event.at)
        takenRound = taken
        switch received.event {
        case .nodeReady: kind = PoolEventName.nodeReady.rawValue
        case .nodeLost: kind = PoolEventName.nodeLost.rawValue
        case .interruptionNotice(_, _, let reclaimAt):
            kind = PoolEventName.interruptionNotice.rawValue
            self.reclaimAt = Timestamp.format(reclaimAt)
        }
    }

    init(_ record: PoolEventRecord) {
        id = record.id ?? 0
        kind = record.kind
        node = NodeID(record.node).description
        at = Timestamp.format(record.at)
        reclaimAt = record.reclaimAt.map(Timestamp.format)
        takenRound = record.takenRound
    }
}

/// `GET /v1/pool/events`: newest first.
struct PoolEventList: Encodable {
    var events: [PoolEventDocument]
}
