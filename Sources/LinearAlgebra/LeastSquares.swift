/// Ridge least squares for many right-hand sides that share one design matrix.
///
/// Minimises, independently for every column y of `Y`,
/// ‖X β − y‖² + Σⱼ λⱼ βⱼ²  (λⱼ ≥ 0 per column of X; λ = 0 is ordinary least squares),
/// through the normal equations (XᵀX + diag λ) β = Xᵀy: XᵀX by one `dsyrk`, XᵀY by one `dgemm`
/// for all responses, one Cholesky factorization. When the penalised Gram matrix is not positive
/// definite (rank-deficient X, no ridge), it falls back to the minimum-norm solution by SVD
/// (`dgelsd` on the Gram matrix: pinv(XᵀX) XᵀY = X⁺Y).
public struct LeastSquares: Sendable {
    /// Number of coefficients p (columns of the design).
    public let parameterCount: Int
    /// Either the Cholesky factor, or the Gram matrix for the SVD fallback.
    private let cholesky: Cholesky?
    private let penalisedGram: Matrix

    /// Factors the normal equations of `design` (m x p) with per-column penalties `ridge`
    /// (empty: none; one value: the same for every column; else one per column).
    /// Cost m·p² + p³/3 flops, paid once for any number of responses.
    /// - Throws: `dimensionMismatch` on a ridge count that is neither 0, 1 nor p,
    ///   `nonFinite` when the design or a penalty is NaN/inf or a penalty is negative.
    public init(design: Matrix, ridge: [Double] = []) throws(LinearAlgebraError) {
        let p = design.columns
        guard ridge.isEmpty || ridge.count == 1 || ridge.count == p else {
            throw .dimensionMismatch(operation: "LeastSquares ridge", expected: "0, 1 or \(p) penalties",
                                     actual: "\(ridge.count)")
        }
        guard design.isFinite, ridge.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .nonFinite(operation: "LeastSquares")
        }
        var gram = design.gram()
        if !ridge.isEmpty {
            for j in 0..<p { gram[j, j] += ridge.count == 1 ? ridge[0] : ridge[j] }
        }
        self.parameterCount = p
        self.penalisedGram = gram
        do {
            let factor = try Cholesky(gram)
            // A factor with a tiny pivot is numerically singular: take the SVD path instead.
            self.cholesky = factor.reciprocalConditionEstimate > Self.singularityThreshold ? factor : nil
        } catch .notPositiveDefinite {
            self.cholesky = nil
        }
    }

    /// Below this estimated reciprocal condition of XᵀX + diag λ, the system counts as singular.
    static let singularityThreshold = 1e-13

    /// Whether the fast Cholesky path is used (false: rank deficient, SVD fallback).
    public var isFullRank: Bool { cholesky != nil }

    /// Coefficients (p x k) for responses `y` (m x k) of the design given at init.
    /// - Throws: `dimensionMismatch` when `y` does not have the design's rows, `nonFinite` on NaN.
    public func solve(design: Matrix, responses y: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard design.columns == parameterCount else {
            throw .dimensionMismatch(operation: "LeastSquares.solve", expected: "\(parameterCount) columns",
                                     actual: "\(design.columns) columns")
        }
        guard y.isFinite else { throw .nonFinite(operation: "LeastSquares.solve") }
        return try solve(crossProducts: design.transposeTimes(y))
    }

    /// Coefficients from precomputed cross products `XᵀY` (p x k).
    public func solve(crossProducts xty: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard xty.rows == parameterCount else {
            throw .dimensionMismatch(operation: "LeastSquares.solve", expected: "\(parameterCount) rows",
                                     actual: "\(xty.rows) rows")
        }
        if let cholesky { return try cholesky.solve(xty) }
        guard xty.isFinite else { throw .nonFinite(operation: "LeastSquares.solve") }
        return try MinimumNorm.solve(penalisedGram, xty, rcond: 1e-12)
    }

    /// One-shot ridge least squares: coefficients (p x k) minimising ‖Xβ − Y‖² + Σ λⱼβⱼ².
    public static func solve(_ design: Matrix, _ responses: Matrix, ridge: [Double] = [])
        throws(LinearAlgebraError) -> Matrix
    {
        guard design.rows == responses.rows else {
            throw .dimensionMismatch(operation: "LeastSquares", expected: "\(design.rows) rows",
                                     actual: "\(responses.rows) rows")
        }
        return try LeastSquares(design: design, ridge: ridge).solve(design: design, responses: responses)
    }

    /// Minimum-norm least squares directly on `X` by SVD (`dgelsd`), without forming XᵀX:
    /// better conditioned, slower; for reference and badly scaled designs.
    public static func solveBySVD(_ design: Matrix, _ responses: Matrix, rcond: Double = 1e-12)
        throws(LinearAlgebraError) -> Matrix
    {
        guard design.rows == responses.rows else {
            throw .dimensionMismatch(operation: "LeastSquares.solveBySVD", expected: "\(design.rows) rows",
                                     actual: "\(responses.rows) rows")
        }
        guard design.isFinite, responses.isFinite else { throw .nonFinite(operation: "LeastSquares.solveBySVD") }
        return try MinimumNorm.solve(design, responses, rcond: rcond)
    }
}
