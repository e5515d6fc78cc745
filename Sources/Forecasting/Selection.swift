import Vocabulary

/// Scores every candidate on the backtest windows and turns the chosen one (and, if asked,
/// every candidate) into a calibrated `Forecast`.
struct Selection: Sendable {
    let engine: ChunkEngine
    let levels: [Double]

    /// The finished forecast of one series from its candidate paths.
    func forecast(_ prepared: PreparedSeries, _ candidates: CandidatePaths) -> Forecast {
        var candidates = candidates
        let fitCount = engine.fits.count
        let scale = naiveScale(prepared)
        let transform: (Double) -> Double = prepared.nonNegative ? { Transform.log($0) } : { $0 }
        var scored: [(model: ModelKind, mase: Double?)] = []
        for model in engine.profile.models {
            // The log-scale regressions are only defined for non-negative series.
            if !prepared.nonNegative, model == .harmonicLog || model == .harmonicLogAR { continue }
            guard let paths = candidates.paths[model], paths.count == fitCount,
                  paths.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { continue }
            scored.append((model, mase(paths, prepared, scale: scale)))
        }
        if engine.profile.models.contains(.combination),
           let combined = Self.combination(of: scored, candidates, fitCount: fitCount) {
            candidates.paths[.combination] = combined
            scored.append((.combination, mase(combined, prepared, scale: scale)))
        }
        if scored.isEmpty { scored = [(.seasonalNaive, nil)] }
        let best = scored.min { a, b in (a.mase ?? .infinity) < (b.mase ?? .infinity) } ?? scored[0]
        let naive = scored.first { $0.model == .seasonalNaive }?.mase
        let ranked = scored.sorted { ($0.mase ?? .infinity) < ($1.mase ?? .infinity) }
        let candidatesOut = ranked.map { entry in
            CandidateScore(model: entry.model, backtestMASE: entry.mase,
                           forecast: engine.options.keepCandidateForecasts
                               ? assemble(entry.model, entry.mase, naive, candidates, prepared, transform) : nil)
        }
        var chosen = assemble(best.model, best.mase, naive, candidates, prepared, transform)
        chosen.candidates = candidatesOut
        return chosen
    }

    /// The combination's paths (per fit): the three best scored candidates weighted by
    /// 1 / MASE², normalised; nil with fewer than two scored candidates.
    static func combination(of scored: [(model: ModelKind, mase: Double?)], _ candidates: CandidatePaths,
                            fitCount: Int) -> [[Double]]? {
        let best = scored.compactMap { entry in entry.mase.flatMap { $0.isFinite && $0 > 0 ? (entry.model, $0) : nil } }
            .sorted { $0.1 < $1.1 }.prefix(3)
        guard best.count >= 2 else { return nil }
        let raw = best.map { 1 / ($0.1 * $0.1) }
        let total = raw.reduce(0, +)
        var combined: [[Double]] = []
        for f in 0..<fitCount {
            guard let steps = candidates.paths[best[best.startIndex].0]?[f].count else { return nil }
            var path = [Double](repeating: 0, count: steps)
            for ((model, _), weight) in zip(best, raw) {
                guard let own = candidates.paths[model]?[f], own.count == steps else { return nil }
                for h in 0..<steps { path[h] += weight / total * own[h] }
            }
            combined.append(path)
        }
        return combined
    }

    /// In-sample MAE of seasonal naive at the baseline lag over observed pairs (scaled units),
    /// floored so that a constant series still gives a finite MASE.
    func naiveScale(_ p: PreparedSeries) -> Double {
        let lag = max(1, min(engine.profile.baselineLag, p.raw.count - 1))
        var total = 0.0, count = 0.0
        if p.raw.count > lag {
            for i in lag..<p.raw.count where p.observed[i] && p.observed[i - lag] {
                total += abs(p.raw[i] - p.raw[i - lag])
                count += 1
            }
        }
        let mae = count > 0 ? total / count : 0
        return max(mae, 1e-9 * max(1, abs(p.raw.first ?? 1)))
    }

    /// Mean absolute error over every observed backtest point divided by `scale`; nil without
    /// backtests.
    func mase(_ paths: [[Double]], _ p: PreparedSeries, scale: Double) -> Double? {
        var total = 0.0, count = 0.0
        for (k, origin) in engine.plan.origins.enumerated() {
            for (h, value) in paths[k].enumerated() where p.observed[origin + h] {
                total += abs(p.raw[origin + h] - value)
                count += 1
            }
        }
        guard count > 0 else { return nil }
        let result = total / count / scale
        return result.isFinite ? result : Double.greatestFiniteMagnitude
    }

    /// Backtest errors eₖₕ on the calibration scale (NaN where the actual is missing).
    func errors(_ paths: [[Double]], _ p: PreparedSeries, _ t: (Double) -> Double) -> [[Double]] {
        engine.plan.origins.enumerated().map { k, origin in
            paths[k].enumerated().map { h, value in
                p.observed[origin + h] ? t(p.raw[origin + h]) - t(value) : .nan
            }
        }
    }

    /// Builds the calibrated forecast of `model` in original units.
    func assemble(_ model: ModelKind, _ modelMASE: Double?, _ naiveMASE: Double?, _ candidates: CandidatePaths,
                  _ p: PreparedSeries, _ t: (Double) -> Double) -> Forecast {
        let fallbackPath = SimpleModels.seasonalNaive(p.raw, origin: p.raw.count, horizon: engine.horizon,
                                                      lag: engine.profile.baselineLag)
        let paths = candidates.paths[model] ?? []
        var point = paths.last ?? fallbackPath
        if point.count != engine.horizon || !point.allSatisfy(\.isFinite) { point = fallbackPath }
        if p.nonNegative { point = point.map { max(0, $0) } }
        let origins = Array(0..<engine.plan.origins.count)
        let errorTable = paths.count == engine.fits.count ? errors(paths, p, t) : []
        let calibration = Calibration(errors: errorTable, using: origins, levels: levels, symmetric: engine.profile.missesPeriods)
            ?? Calibration(history: p.raw.map(t), levels: levels)
        let coverage = errorTable.isEmpty ? nil : coverage95(errorTable)
        let inverse: (Double) -> Double = p.nonNegative ? { Transform.exp($0) } : { $0 }
        var quantiles = [[Double]](repeating: [Double](repeating: 0, count: engine.horizon), count: levels.count)
        for h in 0..<engine.horizon {
            let center = t(point[h])
            var column = calibration.z.indices.map { inverse(center + calibration.offset($0, at: h)) }
            column.sort()
            for k in 0..<levels.count { quantiles[k][h] = Self.finite(column[k] * p.scale) }
        }
        return Forecast(point: point.map { Self.finite($0 * p.scale) }, levels: levels, quantiles: quantiles,
                        model: model, backtestMASE: modelMASE, seasonalNaiveMASE: naiveMASE,
                        coverage95: coverage)
    }

    /// Share of backtest actuals inside the 95% interval when each origin is calibrated on the
    /// others (all origins when there is only one).
    func coverage95(_ errors: [[Double]]) -> Double? {
        var inside = 0.0, total = 0.0
        for k in errors.indices {
            let others = errors.count > 1 ? errors.indices.filter { $0 != k } : [k]
            guard let c = Calibration(errors: errors, using: others, levels: [0.025, 0.975], symmetric: engine.profile.missesPeriods) else { continue }
            for (h, e) in errors[k].enumerated() where e.isFinite {
                if e >= c.offset(0, at: h), e <= c.offset(1, at: h) { inside += 1 }
                total += 1
            }
        }
        return total > 0 ? inside / total : nil
    }

    /// Clamps to the finite range (NaN becomes 0).
    static func finite(_ x: Double) -> Double {
        x.isNaN ? 0 : min(max(x, -Double.greatestFiniteMagnitude), Double.greatestFiniteMagnitude)
    }
}
