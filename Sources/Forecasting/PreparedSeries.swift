/// One series made ready for fitting: missing values filled, scaled to order 1, extreme
/// outliers clipped, and its log-scale twin.
///
/// Units: `u = y / scale` where `scale` is the median absolute observed value (else the largest,
/// else 1), so that huge or tiny series fit the same way and results are rescaled at the end.
struct PreparedSeries: Sendable {
    /// Whether each step was observed (finite in the input).
    let observed: [Bool]
    /// The scaled series with gaps filled (from one season earlier, else linear interpolation),
    /// unclipped: the truth for scoring and the input of seasonal naive.
    let raw: [Double]
    /// `raw` with extreme outliers clipped to median ± 10 robust deviations: the fitting target.
    let clipped: [Double]
    /// The log-scale twin of `clipped`, log1p(max(u, 0)), for non-negative series; else `clipped`.
    let logClipped: [Double]
    /// Whether every observed value is ≥ 0 (then forecasts and quantiles are kept ≥ 0).
    let nonNegative: Bool
    /// Divide original values by this to get `u`.
    let scale: Double

    /// Prepares `values`; with `weekLag`, outages (``HistoryRepair/removeOutages``) become gaps and
    /// a lasting level shift (``HistoryRepair/levelShift``) is undone.
    init(values: [Double], seasonLag: Int, weekLag: Int? = nil) throws(ForecastError) {
        var values = values
        HistoryRepair.removeOutages(&values, dayLag: seasonLag, weekLag: weekLag)
        let observed = values.map(\.isFinite)
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { throw .noObservations }
        var magnitudes = finite.map(abs)
        var scale = Quantile.median(&magnitudes)
        if !(scale > 0) || !scale.isFinite { scale = magnitudes.max() ?? 1 }
        if !(scale > 0) || !scale.isFinite { scale = 1 }
        let limit = 1e150
        var u = values.map { $0.isFinite ? min(max($0 / scale, -limit), limit) : Double.nan }
        Self.fillGaps(&u, observed: observed, seasonLag: seasonLag, weekLag: weekLag)
        let nonNegative = finite.allSatisfy { $0 >= 0 }
        if nonNegative, let weekLag, let shift = HistoryRepair.levelShift(u, dayLag: seasonLag, weekLag: weekLag) {
            for i in 0..<shift.start { u[i] *= shift.factor }
        }
        self.observed = observed
        self.raw = u
        self.nonNegative = nonNegative
        self.scale = scale
        let clipped = Self.clipExtremes(u)
        self.clipped = clipped
        self.logClipped = nonNegative ? clipped.map { Transform.log($0) } : clipped
    }

    /// Fills NaN positions: from one season earlier when that is known (one week earlier, when
    /// `weekLag` is given and known, for a gap of a day or more: a day-long gap filled from the day
    /// before repeats one weekday for the whole gap), else by linear interpolation between the
    /// nearest observed neighbours (flat at the end). A gap before the first observation (a series
    /// that started mid-history) is the first week (or day) after it repeated backwards.
    static func fillGaps(_ u: inout [Double], observed: [Bool], seasonLag: Int, weekLag: Int? = nil) {
        guard observed.contains(false) else { return }
        let n = u.count
        var previous = -1
        var i = 0
        while i < n {
            if observed[i] { previous = i; i += 1; continue }
            var next = i
            while next < n, !observed[next] { next += 1 }
            let long = next - i >= seasonLag
            if previous < 0, next < n {
                // Before the series' first observation (it started mid-history): its first
                // week (or day) repeated backwards, not its first value held flat.
                let lag = long ? (weekLag.flatMap { next + $0 <= n ? $0 : nil } ?? seasonLag) : seasonLag
                for j in stride(from: next - 1, through: i, by: -1) {
                    u[j] = lag > 1 && j + lag < n && u[j + lag].isFinite ? u[j + lag] : u[next]
                }
                i = next
                continue
            }
            for j in i..<next {
                if long, let weekLag, j - weekLag >= 0, u[j - weekLag].isFinite {
                    u[j] = u[j - weekLag]
                } else if seasonLag > 1, j - seasonLag >= 0, u[j - seasonLag].isFinite {
                    u[j] = u[j - seasonLag]
                } else if previous >= 0, next < n {
                    let w = Double(j - previous) / Double(next - previous)
                    u[j] = u[previous] * (1 - w) + u[next] * w
                } else if previous >= 0 {
                    u[j] = u[previous]
                } else {
                    u[j] = next < n ? u[next] : 0
                }
            }
            i = next
        }
    }

    /// Clips to median ± 10 robust standard deviations (1.4826·MAD, else mean absolute
    /// deviation); a constant series is returned unchanged.
    static func clipExtremes(_ u: [Double]) -> [Double] {
        guard u.count >= 4 else { return u }
        var work = u
        let center = Quantile.median(&work)
        let deviations = u.map { abs($0 - center) }
        work = deviations
        var spread = 1.4826 * Quantile.median(&work)
        if !(spread > 0) { spread = deviations.reduce(0, +) / Double(deviations.count) }
        guard spread > 0, spread.isFinite else { return u }
        let low = center - 10 * spread, high = center + 10 * spread
        return u.map { min(max($0, low), high) }
    }


}

/// The log1p transform used for multiplicative seasonality and for calibrating non-negative
/// series, and its inverse.
enum Transform {
    /// log1p(max(u, 0)).
    static func log(_ u: Double) -> Double { Math.log1p(max(u, 0)) }
    /// expm1(v), kept finite and ≥ 0.
    static func exp(_ v: Double) -> Double { max(0, Math.expm1(min(v, 700))) }
}
