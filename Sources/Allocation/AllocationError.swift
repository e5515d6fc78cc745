/// What was wrong with the engine's input, and where.
///
/// Each case names the place (the target's model and region, the offer's region and GPU type,
/// the node or replica and the action) so that a person can fix the input without reading code.
public enum AllocationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A target's field is out of range: `field` holds `value`, and `rule` says what is allowed.
    case invalidTarget(model: String, region: String, field: String, value: String, rule: String)
    /// Two targets for the same model and region.
    case duplicateTarget(model: String, region: String)
    /// A target asks for a GPU type that its region does not offer.
    case noOffer(model: String, region: String, gpuType: String)
    /// An offer's field is out of range.
    case invalidOffer(region: String, gpuType: String, field: String, value: String, rule: String)
    /// Two offers for the same region and GPU type.
    case duplicateOffer(region: String, gpuType: String)
    /// A setting is out of range.
    case invalidSetting(field: String, value: String, rule: String)
    /// An event or action names a node the pool does not hold.
    case unknownNode(NodeID, in: String)
    /// An action names a replica the pool does not hold.
    case unknownReplica(ReplicaID, in: String)
    /// An action or a stored pool breaks a pool invariant (a replica would not fit its node,
    /// classes would share a node, a replica's node is missing ...): `rule` says which.
    case inconsistent(in: String, rule: String)

    public var description: String {
        switch self {
        case let .invalidTarget(model, region, field, value, rule):
            "target \(model) in \(region): \(field) is \(value); \(rule)"
        case let .duplicateTarget(model, region):
            "target \(model) in \(region) is given twice; give one target per model and region"
        case let .noOffer(model, region, gpuType):
            "target \(model) in \(region) needs GPU type \(gpuType), which \(region) does not offer; add an offer or change the model's GPU type"
        case let .invalidOffer(region, gpuType, field, value, rule):
            "offer \(gpuType) in \(region): \(field) is \(value); \(rule)"
        case let .duplicateOffer(region, gpuType):
            "offer \(gpuType) in \(region) is given twice; give one offer per region and GPU type"
        case let .invalidSetting(field, value, rule):
            "setting \(field) is \(value); \(rule)"
        case let .unknownNode(id, place):
            "\(place): \(id) is not in the pool"
        case let .unknownReplica(id, place):
            "\(place): \(id) is not in the pool"
        case let .inconsistent(place, rule):
            "\(place): \(rule)"
        }
    }
}
