/// What a bearer token may do. Scopes nest: `admin` includes `write`, which includes `read`.
/// GET needs `read`, POST and DELETE need `write`, token management needs `admin`.
public enum Scope: String, Sendable, CaseIterable, Comparable, Codable {
    case read
    case write
    case admin

    var rank: Int {
        switch self {
        case .read: 0
        case .write: 1
        case .admin: 2
        }
    }

    public static func < (a: Scope, b: Scope) -> Bool { a.rank < b.rank }

    /// True when a token with this scope may do what `needed` allows.
    public func allows(_ needed: Scope) -> Bool { self >= needed }
}
