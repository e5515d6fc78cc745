/// One served model in one region: the key of a demand, a model's plan and a replica target.
///
/// Ordered by model, then region. Written `model/region` in messages (``description``).
public struct ModelRegion: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The model's name, as configured (`chat-8b`).
    public var model: String
    /// The region's name, as configured (`us-east-1`).
    public var region: String

    public init(model: String, region: String) {
        self.model = model
        self.region = region
    }

    public static func < (lhs: ModelRegion, rhs: ModelRegion) -> Bool {
        (lhs.model, lhs.region) < (rhs.model, rhs.region)
    }

    /// `chat-8b/us-east-1`.
    public var description: String { "\(model)/\(region)" }
}
