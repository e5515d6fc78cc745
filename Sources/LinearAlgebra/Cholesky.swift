internal import COpenBLAS

/// The Cholesky factorization `A = UᵀU` of a symmetric positive definite matrix (LAPACK
/// `dpotrf`), kept to solve `A X = B` for any number of right-hand sides (`dpotrs`).
public struct Cholesky: Sendable {
    /// The order n of `A`.
    public let order: Int
    /// The upper factor `U`, column-major n x n (lower triangle unused).
    private let factor: [Double]

    /// Factors `a` (only its upper triangle is read). Cost n³/3 flops.
    /// - Throws: `dimensionMismatch` when `a` is not square, `nonFinite` on NaN/inf,
    ///   `notPositiveDefinite` when a leading minor is not positive (LAPACK `info > 0`).
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        guard a.rows == a.columns else {
            throw .dimensionMismatch(operation: "Cholesky", expected: "square", actual: "\(a.rows)x\(a.columns)")
        }
        guard a.isFinite else { throw .nonFinite(operation: "Cholesky") }
        var factor = a.elements
        var info: Int32 = 0
        if a.rows > 0 {
            var uplo = CChar(UInt8(ascii: "U"))
            var n = Int32(a.rows), lda = Int32(a.rows)
            factor.withUnsafeMutableBufferPointer { p in
                dpotrf_(&uplo, &n, p.baseAddress, &lda, &info)
            }
        }
        if info < 0 { throw .illegalArgument(routine: "dpotrf", position: Int(-info)) }
        if info > 0 { throw .notPositiveDefinite(minor: Int(info)) }
        self.order = a.rows
        self.factor = factor
    }

    /// Estimated reciprocal condition of `A` from the factor's diagonal: (min uᵢᵢ / max uᵢᵢ)².
    /// A cheap lower-quality estimate; near machine epsilon means numerically singular.
    public var reciprocalConditionEstimate: Double {
        guard order > 0 else { return 1 }
        var smallest = Double.infinity, largest = 0.0
        for i in 0..<order {
            let d = abs(factor[i + i * order])
            smallest = min(smallest, d)
            largest = max(largest, d)
        }
        guard largest > 0 else { return 0 }
        let ratio = smallest / largest
        return ratio * ratio
    }

    /// Solves `A X = B` for all columns of `b` at once. Cost 2·n²·k flops.
    /// - Throws: `dimensionMismatch` when `b` has not `order` rows, `nonFinite` on NaN/inf.
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == order else {
            throw .dimensionMismatch(operation: "Cholesky.solve", expected: "\(order) rows", actual: "\(b.rows) rows")
        }
        guard b.isFinite else { throw .nonFinite(operation: "Cholesky.solve") }
        var x = b
        guard order > 0, b.columns > 0 else { return x }
        var uplo = CChar(UInt8(ascii: "U"))
        var n = Int32(order), nrhs = Int32(b.columns), lda = Int32(order), ldb = Int32(order)
        var info: Int32 = 0
        factor.withUnsafeBufferPointer { pa in
            x.elements.withUnsafeMutableBufferPointer { pb in
                dpotrs_(&uplo, &n, &nrhs, pa.baseAddress, &lda, pb.baseAddress, &ldb, &info)
            }
        }
        if info < 0 { throw .illegalArgument(routine: "dpotrs", position: Int(-info)) }
        return x
    }
}
