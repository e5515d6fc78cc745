import LinearAlgebra

/// Harmonic regression fitted for many series at once on one shared design.
///
/// For the responses Y (trainLength x S), minimises ‖Xβ − y‖² + Σⱼ λⱼβⱼ² per column through one
/// factorization of XᵀX + diag λ and one GEMM XᵀY for all columns. Robust pass: residuals beyond
/// 4 robust standard deviations (1.4826·MAD of the column's residuals) are clipped to that band
/// and the fit is repeated (same factorization, one more GEMM).
struct HarmonicBatch: Sendable {
    /// Forecasts for the design's future rows, horizon x S, in the responses' scale.
    let forecasts: Matrix
    /// Residuals of the robust fit on the (clipped) responses, trainLength x S.
    let residuals: Matrix

    /// Fits `y` on `design`, whose normal equations `system` holds factored.
    init(design: HarmonicDesign, system: LeastSquares, responses y: Matrix) throws(LinearAlgebraError) {
        var beta = try system.solve(design: design.train, responses: y)
        var fitted = try design.train.times(beta)
        var robust = y
        let m = y.rows
        var changed = false
        for s in 0..<y.columns {
            let base = s * m
            var deviations = [Double](repeating: 0, count: m)
            for i in 0..<m { deviations[i] = abs(y.elements[base + i] - fitted.elements[base + i]) }
            let sigma = 1.4826 * Quantile.median(&deviations)
            guard sigma > 0, sigma.isFinite else { continue }
            let band = 4 * sigma
            for i in 0..<m {
                let f = fitted.elements[base + i]
                let v = robust.elements[base + i]
                if v > f + band { robust.elements[base + i] = f + band; changed = true }
                else if v < f - band { robust.elements[base + i] = f - band; changed = true }
            }
        }
        if changed {
            beta = try system.solve(design: design.train, responses: robust)
            fitted = try design.train.times(beta)
        }
        var residuals = robust
        for i in 0..<residuals.elements.count { residuals.elements[i] -= fitted.elements[i] }
        self.forecasts = try design.future.times(beta)
        self.residuals = residuals
    }
}
