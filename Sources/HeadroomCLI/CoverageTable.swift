import Forecasting

/// Where the automatic choice's intervals hold on held-out windows: coverage of the 80 %
/// (q0.1 ... q0.9) and 95 % (q0.025 ... q0.975) intervals and the width of the 95 % one, per
/// horizon band (the planner reads the first hour far more than hour 40) and per class of
/// history length (the training length at the window's cut).
struct CoverageTable {
    /// Counts for one row.
    struct Cell {
        var inside80 = 0
        var inside95 = 0
        var below95 = 0
        var above95 = 0
        var points = 0
    }

    /// Horizon bands by lead time: up to 1 h, 1-6 h, beyond 6 h.
    static let bands: [(name: String, upTo: Int64)] = [("lead 0-1 h", 3_600), ("lead 1-6 h", 21_600), ("lead 6 h+", .max)]
    /// History classes by training length: under 1 week, 1-2 weeks, 2-8 weeks, 8 weeks and more.
    static let histories: [(name: String, below: Int64)] = [
        ("history < 1 w", 604_800), ("history 1-2 w", 1_209_600), ("history 2-8 w", 4_838_400), ("history >= 8 w", .max),
    ]

    var byBand = [Cell](repeating: Cell(), count: bands.count)
    var byHistory = [Cell](repeating: Cell(), count: histories.count)

    /// Adds the held-out `actual` of a forecast made after `historySeconds` of history at a
    /// step of `stepSeconds`. Needs the levels 0.025, 0.1, 0.9 and 0.975.
    mutating func add(_ forecast: Forecast, actual: [Double], stepSeconds: Int64, historySeconds: Int64) {
        func level(_ q: Double) -> [Double]? {
            forecast.levels.firstIndex { abs($0 - q) < 1e-12 }.map { forecast.quantiles[$0] }
        }
        guard let q025 = level(0.025), let q10 = level(0.1), let q90 = level(0.9), let q975 = level(0.975) else { return }
        let history = Self.histories.firstIndex { historySeconds < $0.below } ?? Self.histories.count - 1
        for h in 0..<min(actual.count, q025.count) where actual[h].isFinite {
            let lead = Int64(h + 1) * stepSeconds
            let band = Self.bands.firstIndex { lead <= $0.upTo } ?? Self.bands.count - 1
            let y = actual[h]
            byBand[band].record(y, q025[h], q10[h], q90[h], q975[h])
            byHistory[history].record(y, q025[h], q10[h], q90[h], q975[h])
        }
    }

    /// The rows as text: coverage at 80 % and 95 %, and the 95 % misses below and above.
    func lines() -> [String] {
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        func left(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        func percent(_ count: Int, _ total: Int) -> String {
            guard total > 0 else { return "-" }
            let tenths = (Double(count) * 1_000 / Double(total)).rounded()
            return "\(Int(tenths) / 10).\(Int(tenths) % 10)%"
        }
        var lines = ["calibration of auto (held-out points): " + left("points", 9) + left("cover80", 9) + left("cover95", 9)
            + left("below95", 9) + left("above95", 9)]
        for (rows, names) in [(byBand, Self.bands.map(\.name)), (byHistory, Self.histories.map(\.name))] {
            for (cell, name) in zip(rows, names) where cell.points > 0 {
                lines.append(pad("  " + name, 39) + left("\(cell.points)", 9) + left(percent(cell.inside80, cell.points), 9)
                    + left(percent(cell.inside95, cell.points), 9) + left(percent(cell.below95, cell.points), 9)
                    + left(percent(cell.above95, cell.points), 9))
            }
        }
        return lines
    }
}

extension CoverageTable.Cell {
    mutating func record(_ y: Double, _ q025: Double, _ q10: Double, _ q90: Double, _ q975: Double) {
        points += 1
        if y >= q10, y <= q90 { inside80 += 1 }
        if y < q025 { below95 += 1 } else if y > q975 { above95 += 1 } else { inside95 += 1 }
    }
}
