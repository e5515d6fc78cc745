/// A dimension cost rows can be kept apart by (`group_by`); the dimensions left out are summed over.
public enum ReportDimension: String, Sendable, Hashable, CaseIterable {
    /// The served model (`x_model`).
    case model
    /// The region (`RegionId`).
    case region

    /// Reads a comma-separated list such as `model,region` (spaces around names allowed,
    /// repeats ignored). The empty text is the empty set: rows are then summed over both.
    /// - Throws: ``CostReportError/unknownDimension(_:)`` naming the first entry that is
    ///   neither `model` nor `region` (an empty entry included).
    public static func parseList(_ text: String) throws(CostReportError) -> Set<ReportDimension> {
        guard !text.isEmpty else { return [] }
        var dimensions = Set<ReportDimension>()
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = entry.trimmingSpaces
            guard let dimension = ReportDimension(rawValue: name) else { throw .unknownDimension(name) }
            dimensions.insert(dimension)
        }
        return dimensions
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
