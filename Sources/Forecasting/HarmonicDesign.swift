#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import LinearAlgebra

/// The design matrix of the harmonic regression on one time grid, shared by every series on it.
///
/// Columns, for step t (0-based) of a history of `trainLength` steps:
/// - 1 (intercept);
/// - τ = t / trainLength (linear trend, in units of the history length);
/// - max(0, τ − cⱼ) for changepoints cⱼ evenly spread over (0, 0.8] (piecewise-linear trend);
/// - sin(2πk·s/P), cos(2πk·s/P) for each period P and k = 1…K, where s is the absolute step
///   index (Unix time / step), so phases line up with the clock whatever the start;
/// - one 0/1 column per event name: 1 while any occurrence of it covers the step's start.
/// Penalties (ridge, per training row): 0 on intercept and trend, `changepointRidge` on hinges,
/// `seasonalRidge` on Fourier and event columns.
struct HarmonicDesign: Sendable {
    /// Rows 0..<trainLength.
    let train: Matrix
    /// Rows trainLength..<trainLength + horizon.
    let future: Matrix
    /// Ridge penalty per column.
    let ridge: [Double]

    init(start: Int64, stepSeconds: Int64, trainLength: Int, horizon: Int,
         profile: SeasonalProfile, options: ForecastOptions) {
        let eventNames = Array(Set(options.events.map(\.name))).sorted()
        let hinges = trainLength >= 20 ? max(0, options.changepoints) : 0
        let fourier = profile.periods.reduce(0) { $0 + 2 * $1.order }
        let p = 2 + hinges + fourier + eventNames.count
        var ridge = [Double](repeating: 0, count: p)
        let rows = Double(trainLength)
        for j in 2..<(2 + hinges) { ridge[j] = options.changepointRidge * rows }
        for j in (2 + hinges)..<p { ridge[j] = options.seasonalRidge * rows }
        ridge[0] = 1e-9 * rows
        ridge[1] = 1e-6 * rows
        let changepoints = (0..<hinges).map { 0.8 * Double($0 + 1) / Double(hinges) }
        let firstStep = start / max(stepSeconds, 1)

        func build(_ range: Range<Int>) -> Matrix {
            var x = Matrix(rows: range.count, columns: p)
            let m = range.count
            for (r, t) in range.enumerated() {
                let tau = Double(t) / max(rows, 1)
                x.elements[r] = 1
                x.elements[r + m] = tau
                for (c, point) in changepoints.enumerated() { x.elements[r + (2 + c) * m] = max(0, tau - point) }
                var column = 2 + hinges
                let absolute = Double(firstStep + Int64(t))
                for (period, order) in profile.periods {
                    let phase = 2 * Double.pi * absolute.truncatingRemainder(dividingBy: period) / period
                    for k in 1...order {
                        x.elements[r + column * m] = sin(Double(k) * phase)
                        x.elements[r + (column + 1) * m] = cos(Double(k) * phase)
                        column += 2
                    }
                }
                let instant = start + Int64(t) * stepSeconds
                for name in eventNames {
                    let active = options.events.contains { $0.name == name && $0.start <= instant && instant < $0.end }
                    x.elements[r + column * m] = active ? 1 : 0
                    column += 1
                }
            }
            return x
        }
        self.train = build(0..<trainLength)
        self.future = build(trainLength..<(trainLength + horizon))
        self.ridge = ridge
    }
}
