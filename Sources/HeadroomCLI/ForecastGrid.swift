import Forecasting

/// The input series placed on one regular time grid per series (gaps become NaN).
struct ForecastGrid {
    /// A named regular series.
    struct Entry {
        var name: String
        var series: RegularSeries
    }

    /// The step in seconds, given or inferred.
    var stepSeconds: Int64
    var entries: [Entry]

    /// The most steps one series may span (about 19 years at 1 minute).
    static let maximumLength = 10_000_000

    /// Places every series on its grid. Without `step`, the step is the greatest common divisor
    /// of all gaps between consecutive timestamps, which must equal the smallest gap.
    /// - Throws: `ForecastInputError` for duplicate or off-grid timestamps, an irregular file,
    ///   or a series spanning too many steps.
    init(_ input: ForecastInput, stepSeconds given: Int64?, file: String) throws(ForecastInputError) {
        var problems = ForecastInputError(file: file, problems: [])
        var sorted = input.series
        for i in sorted.indices {
            let order = sorted[i].timestamps.indices.sorted { sorted[i].timestamps[$0] < sorted[i].timestamps[$1] }
            sorted[i].timestamps = order.map { sorted[i].timestamps[$0] }
            sorted[i].values = order.map { sorted[i].values[$0] }
            sorted[i].lines = order.map { sorted[i].lines[$0] }
        }
        var step = given ?? 0
        if given == nil {
            var smallest = Int64.max, divisor: Int64 = 0
            for s in sorted {
                for i in s.timestamps.indices.dropFirst() {
                    let gap = s.timestamps[i] - s.timestamps[i - 1]
                    guard gap > 0 else { continue }
                    smallest = min(smallest, gap)
                    divisor = Self.gcd(divisor, gap)
                }
            }
            if divisor == 0 {
                problems.add(line: 0, column: 2, "cannot infer the step: no series has two distinct timestamps (pass --step)")
                throw problems
            }
            if divisor != smallest || divisor > 86_400 {
                problems.add(line: 0, column: 2, "irregular timestamps: gaps of \(smallest) s and a common divisor of \(divisor) s; resample the data or pass --step")
                throw problems
            }
            step = divisor
        }
        var entries: [Entry] = []
        for s in sorted {
            guard let first = s.timestamps.first, let last = s.timestamps.last else { continue }
            let span = (last - first) / step + 1
            if span > Self.maximumLength {
                problems.add(line: s.lines[0], column: 2, "series '\(s.name)' spans \(span) steps of \(step) s, more than \(Self.maximumLength)")
                continue
            }
            var values = [Double](repeating: .nan, count: Int(span))
            var seen = [Bool](repeating: false, count: Int(span))
            for i in s.timestamps.indices {
                let offset = s.timestamps[i] - first
                guard offset % step == 0 else {
                    problems.add(line: s.lines[i], column: 2,
                                 "timestamp \(ForecastTimestamp.format(s.timestamps[i])) is not on the \(step)-second grid of series '\(s.name)' (first point \(ForecastTimestamp.format(first)))")
                    continue
                }
                let slot = Int(offset / step)
                if seen[slot] {
                    problems.add(line: s.lines[i], column: 2, "duplicate timestamp \(ForecastTimestamp.format(s.timestamps[i])) in series '\(s.name)'")
                    continue
                }
                seen[slot] = true
                values[slot] = s.values[i]
            }
            entries.append(Entry(name: s.name, series: RegularSeries(values: values, stepSeconds: step, start: first)))
        }
        if problems.total > 0 { throw problems }
        self.stepSeconds = step
        self.entries = entries
    }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// Forecasts every series, batching those that share a grid (same start and length).
    func forecast(horizon: Int, options: ForecastOptions) throws(ForecastError) -> [Result<Forecast, ForecastError>] {
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (i, entry) in entries.enumerated() {
            let key = "\(entry.series.start)/\(entry.series.values.count)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(i)
        }
        var results = [Result<Forecast, ForecastError>](repeating: .failure(.noObservations), count: entries.count)
        for key in order {
            let members = groups[key] ?? []
            guard let first = members.first else { continue }
            let batch = try Forecaster.forecast(batch: members.map { entries[$0].series.values },
                                                stepSeconds: stepSeconds, start: entries[first].series.start,
                                                horizon: horizon, options: options)
            for (member, result) in zip(members, batch) { results[member] = result }
        }
        return results
    }
}
