import Vocabulary

/// Every candidate model's point forecasts for one series, per fit: one fit per backtest origin
/// and a last one on the whole history. Values are on the scaled series (u = y / scale).
struct CandidatePaths: Sendable {
    /// `paths[model][fit]`: the forecast after that fit's origin.
    var paths: [ModelKind: [[Double]]] = [:]

    mutating func append(_ model: ModelKind, _ path: [Double]) {
        paths[model, default: []].append(path)
    }
}

/// The point forecasts that need no regression: seasonal naive and the recursive AR.
enum SimpleModels {
    /// y_{o+h} = y_{o+h−L·⌈(h+1)/L⌉}: the last observed season repeated.
    ///
    /// The season L is `lag` when the history before `origin` holds one, else `fallback` (the
    /// shorter season, e.g. a day instead of a week), else 1 (the last value). Never another
    /// length: a lag cut to fit the history (say 5.2 days) would set night against day.
    static func seasonalNaive(_ u: [Double], origin: Int, horizon: Int, lag: Int, fallback: Int = 1) -> [Double] {
        let lag = lag <= origin ? max(1, lag) : (fallback <= origin ? max(1, fallback) : 1)
        return (0..<horizon).map { h in
            let back = lag * ((h / lag) + 1)
            return u[origin + h - back]
        }
    }

    /// AR lags for a step: recent steps (3 to 6, covering about 3 hours) and the seasonal lags
    /// that leave at least three seasons of training rows.
    static func lags(stepSeconds: Int64, origin: Int, seasonal: [Int]) -> [Int] {
        let recent = min(6, max(3, Int(10_800 / stepSeconds)))
        var lags = Array(1...recent)
        for lag in seasonal where lag > recent && origin > 3 * lag && !lags.contains(lag) { lags.append(lag) }
        return lags
    }
}
