import LinearAlgebra

/// Fits every candidate model for groups of series on one time grid, at every backtest origin
/// and on the whole history. The harmonic regressions of every series of the batch share one
/// design and one factorization per fit, built once; each group adds one GEMM for its series'
/// cross products.
struct ChunkEngine: Sendable {
    let stepSeconds: Int64
    let start: Int64
    let length: Int
    let horizon: Int
    let options: ForecastOptions
    let profile: SeasonalProfile
    let plan: BacktestPlan
    /// Per fit: the shared harmonic design and its factored normal equations (nil when the
    /// profile has no harmonic model or the factorization failed).
    let harmonicFits: [(design: HarmonicDesign, system: LeastSquares)?]

    init(stepSeconds: Int64, start: Int64, length: Int, horizon: Int, options: ForecastOptions) {
        self.stepSeconds = stepSeconds
        self.start = start
        self.length = length
        self.horizon = horizon
        self.options = options
        self.profile = SeasonalProfile(length: length, stepSeconds: stepSeconds, options: options)
        let plan = BacktestPlan(length: length, horizon: horizon, count: options.origins)
        self.plan = plan
        let profile = self.profile
        let fits = plan.origins.map { ($0, plan.horizon) } + [(length, horizon)]
        if profile.models.contains(where: \.usesHarmonic) {
            self.harmonicFits = fits.map { origin, steps in
                let design = HarmonicDesign(start: start, stepSeconds: stepSeconds, trainLength: origin,
                                            horizon: steps, profile: profile, options: options)
                guard let system = try? LeastSquares(design: design.train, ridge: design.ridge) else { return nil }
                return (design, system)
            }
        } else {
            self.harmonicFits = fits.map { _ in nil }
        }
    }

    /// The fits: (training length, steps to forecast), backtests first, the final fit last.
    var fits: [(origin: Int, steps: Int)] {
        plan.origins.map { ($0, plan.horizon) } + [(length, horizon)]
    }

    /// Candidate paths for each prepared series (same order).
    func candidatePaths(_ series: [PreparedSeries]) -> [CandidatePaths] {
        var result = [CandidatePaths](repeating: CandidatePaths(), count: series.count)
        let seasonal = [profile.baselineLag] + (profile.longLag.map { [$0] } ?? [])
        for (f, fit) in fits.enumerated() {
            let o = fit.origin, steps = fit.steps
            var harmonic: HarmonicBatch?
            if let shared = harmonicFits[f] {
                var y = Matrix(rows: o, columns: 2 * series.count)
                for (s, prepared) in series.enumerated() {
                    for i in 0..<o {
                        y.elements[i + s * o] = prepared.clipped[i]
                        y.elements[i + (series.count + s) * o] = prepared.logClipped[i]
                    }
                }
                harmonic = try? HarmonicBatch(design: shared.design, system: shared.system, responses: y)
            }
            for (s, prepared) in series.enumerated() {
                let n = series.count
                for model in profile.models {
                    switch model {
                    case .seasonalNaive:
                        result[s].append(model, SimpleModels.seasonalNaive(prepared.raw, origin: o, horizon: steps,
                                                                           lag: profile.baselineLag))
                    case .seasonalNaiveLong:
                        result[s].append(model, SimpleModels.seasonalNaive(prepared.raw, origin: o, horizon: steps,
                                                                           lag: profile.longLag ?? profile.baselineLag,
                                                                           fallback: profile.baselineLag))
                    case .autoregressive:
                        let target = prepared.logClipped
                        let history = target[0..<o]
                        let lags = SimpleModels.lags(stepSeconds: stepSeconds, origin: o, seasonal: seasonal)
                        var path = Autoregression(history, lags: lags)?.forecast(after: history, horizon: steps)
                            ?? SimpleModels.seasonalNaive(target, origin: o, horizon: steps, lag: profile.baselineLag)
                        if prepared.nonNegative { path = path.map(Transform.exp) }
                        result[s].append(model, path)
                    case .harmonic, .harmonicAR, .harmonicLog, .harmonicLogAR:
                        guard let harmonic else { continue }
                        let isLog = model == .harmonicLog || model == .harmonicLogAR
                        let column = isLog ? n + s : s
                        var path = (0..<steps).map { harmonic.forecasts.elements[$0 + column * steps] }
                        if model == .harmonicAR || model == .harmonicLogAR {
                            let residuals = harmonic.residuals.elements[(column * o)..<((column + 1) * o)]
                            let lags = SimpleModels.lags(stepSeconds: stepSeconds, origin: o, seasonal: seasonal)
                            if let ar = Autoregression(residuals, lags: lags) {
                                let correction = ar.forecast(after: residuals, horizon: steps)
                                for h in 0..<steps { path[h] += correction[h] }
                            }
                        }
                        if isLog, prepared.nonNegative { path = path.map(Transform.exp) }
                        result[s].append(model, path)
                    case .ensemble, .combination:
                        continue
                    }
                }
                if profile.models.contains(.ensemble),
                   let a = result[s].paths[prepared.nonNegative ? .harmonicLogAR : .harmonicAR],
                   let b = result[s].paths[.autoregressive], a.count == f + 1, b.count == f + 1 {
                    result[s].append(.ensemble, zip(a[f], b[f]).map { ($0 + $1) / 2 })
                }
            }
        }
        return result
    }
}
