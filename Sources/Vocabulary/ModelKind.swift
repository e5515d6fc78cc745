/// The candidate forecasting models; the raw value is the name written in CSV, SQLite and
/// JSON (`harmonic-log+ar`) and is also the ``description``.
public enum ModelKind: String, CaseIterable, Sendable, Codable, Hashable, CustomStringConvertible {
    /// Same step one season ago (the shortest usable period, else the last value): the baseline.
    case seasonalNaive = "seasonal-naive"
    /// Same step one week (the second period) ago.
    case seasonalNaiveLong = "seasonal-naive-long"
    /// Fourier terms + piecewise-linear trend + events, ridge, on the series' own scale.
    case harmonic = "harmonic"
    /// The same regression on log1p(y / scale): multiplicative seasonality.
    case harmonicLog = "harmonic-log"
    /// Harmonic regression plus a recursive AR model on its residuals.
    case harmonicAR = "harmonic+ar"
    /// Log-scale harmonic regression plus AR on its residuals.
    case harmonicLogAR = "harmonic-log+ar"
    /// Recursive linear autoregression on recent lags and the seasonal lags (log scale for
    /// non-negative series).
    case autoregressive = "ar"
    /// Mean of the harmonic-log+ar and ar forecasts.
    case ensemble = "ensemble"
    /// The three best other candidates of the series' backtests, weighted by 1 / MASE².
    case combination = "combination"

    /// The model's name, e.g. `harmonic-log+ar`.
    public var description: String { rawValue }
}
