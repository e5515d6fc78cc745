/// What went wrong in a linear algebra call, with the operation and the dimensions involved.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The operands' shapes do not fit the operation (e.g. `X` has 10 rows and `Y` 9).
    case dimensionMismatch(operation: String, expected: String, actual: String)
    /// An operand holds NaN or an infinity; BLAS would silently propagate it.
    case nonFinite(operation: String)
    /// Cholesky failed: the leading minor of this order (1-based) is not positive definite
    /// (LAPACK `info > 0` from `dpotrf`).
    case notPositiveDefinite(minor: Int)
    /// LAPACK rejected argument number `position` (`info < 0`): a bug in the wrapper.
    case illegalArgument(routine: String, position: Int)
    /// The SVD in `dgelsd` did not converge (`info > 0`): `count` off-diagonals did not reach zero.
    case svdDidNotConverge(count: Int)

    public var description: String {
        switch self {
        case let .dimensionMismatch(operation, expected, actual):
            return "\(operation): dimension mismatch, expected \(expected), got \(actual)"
        case let .nonFinite(operation):
            return "\(operation): input contains NaN or infinity"
        case let .notPositiveDefinite(minor):
            return "Cholesky: leading minor of order \(minor) is not positive definite"
        case let .illegalArgument(routine, position):
            return "\(routine): illegal value in argument \(position)"
        case let .svdDidNotConverge(count):
            return "dgelsd: SVD did not converge (\(count) off-diagonal elements)"
        }
    }
}
