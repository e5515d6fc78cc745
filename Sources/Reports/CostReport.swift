/// The cost report over `[from, to)`: one ``CostRow`` per charge period × model × region × GPU
/// type × capacity type (and reserved used / unused), read from the stored plans.
///
/// Each planning step is charged to the newest plan run whose planned span covers it (nightly
/// plans overlap: the later one is in force where they do); charge periods no plan covers give no
/// rows. Within a step, GPU-hours are bought the way the planner's cost breakdown buys them
/// (CostReport+Allocation.swift), so over a plan's horizon the rows add up to its
/// `CapacitySplit.horizon`.
///
/// A `Sequence`: rows are made one charge period at a time, in order of period, then region,
/// GPU type, model (idle reserved last), capacity type. Memory holds the plans and one period's
/// rows, not the report.
public struct CostReport: Sequence, Sendable {
    /// Most charge periods one report may hold: 366 days of hours (8 784).
    public static let maximumPeriods: Int64 = 8_784

    /// Unix seconds; the report covers `[from, to)`.
    public let from: Int64
    public let to: Int64
    public let granularity: ReportGranularity
    /// The dimensions rows are kept apart by; the others are summed over.
    public let groupBy: Set<ReportDimension>
    /// The runs with at least one planned step, newest first.
    let runs: [IndexedRun]

    /// - Parameters:
    ///   - runs: the plan runs that may cover the period (others are ignored), in any order.
    ///   - from: Unix seconds, inclusive; `to`: Unix seconds, exclusive. Need not fall on period
    ///     boundaries: the first and last charge periods are then cut short.
    ///   - granularity: the length of a charge period.
    ///   - groupBy: `model`, `region`, both (the default) or neither.
    /// - Throws: ``CostReportError/emptyPeriod(from:to:)`` when `from >= to`;
    ///   ``CostReportError/periodTooLong(from:to:granularity:periods:)`` past ``maximumPeriods``.
    public init(runs: [PlanRunInForce], from: Int64, to: Int64, granularity: ReportGranularity = .hour,
                groupBy: Set<ReportDimension> = Set(ReportDimension.allCases)) throws(CostReportError) {
        guard from < to else { throw .emptyPeriod(from: from, to: to) }
        let periods = Self.periodCount(from: from, to: to, granularity: granularity)
        guard periods <= Self.maximumPeriods else {
            throw .periodTooLong(from: from, to: to, granularity: granularity, periods: periods)
        }
        self.from = from
        self.to = to
        self.granularity = granularity
        self.groupBy = groupBy
        self.runs = runs.compactMap(IndexedRun.init).sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    /// Charge periods in `[from, to)`, counting cut-short first and last ones.
    public static func periodCount(from: Int64, to: Int64, granularity: ReportGranularity) -> Int64 {
        guard from < to else { return 0 }
        return (granularity.periodStart(to - 1) - granularity.periodStart(from)) / granularity.seconds + 1
    }

    /// Whether some plan run covers part of `[from, to)`: false means the report has no rows.
    public var coversAnyStep: Bool {
        runs.contains { $0.start < to && $0.end > from }
    }

    public func makeIterator() -> Iterator { Iterator(report: self) }

    /// Yields the rows one charge period at a time.
    public struct Iterator: IteratorProtocol {
        let report: CostReport
        var periodStart: Int64
        var pending: [CostRow] = []
        var index = 0
        /// The planned span of all runs: periods outside it are skipped without work.
        let firstPlanned: Int64
        let lastPlanned: Int64

        init(report: CostReport) {
            self.report = report
            periodStart = report.from
            firstPlanned = report.runs.map(\.start).min() ?? report.to
            lastPlanned = report.runs.map(\.end).max() ?? report.from
        }

        public mutating func next() -> CostRow? {
            while index == pending.count {
                if periodStart < firstPlanned {
                    periodStart = Swift.max(periodStart, report.granularity.periodStart(firstPlanned))
                }
                guard periodStart < report.to, periodStart < lastPlanned else { return nil }
                let end = Swift.min(report.to, report.granularity.periodStart(periodStart) + report.granularity.seconds)
                pending = report.rows(from: periodStart, to: end)
                index = 0
                periodStart = end
            }
            defer { index += 1 }
            return pending[index]
        }
    }

    /// The rows of the charge period `[start, end)`, sorted.
    func rows(from start: Int64, to end: Int64) -> [CostRow] {
        var sums: [RowKey: RowSums] = [:]
        var uncovered = [(start, end)]
        for run in runs where run.start < end && run.end > start {
            var left: [(Int64, Int64)] = []
            for (a, b) in uncovered {
                let low = Swift.max(a, run.start), high = Swift.min(b, run.end)
                guard low < high else {
                    left.append((a, b))
                    continue
                }
                charge(run, from: low, to: high, into: &sums)
                if a < low { left.append((a, low)) }
                if high < b { left.append((high, b)) }
            }
            uncovered = left
            if uncovered.isEmpty { break }
        }
        return sums.sorted { $0.key < $1.key }.map { key, sum in
            CostRow(chargePeriodStart: start, chargePeriodEnd: end, model: key.model, region: key.region,
                    gpuType: key.gpuType, capacityType: key.capacityType, commitmentStatus: key.status,
                    gpuHours: sum.gpuHours, listCostUSD: sum.listUSD, effectiveCostUSD: sum.effectiveUSD,
                    requestsServed: sum.requests, variant: key.variant)
        }
    }

    /// Charges the steps of `run` inside `[start, end)`, each for the seconds it overlaps.
    func charge(_ run: IndexedRun, from start: Int64, to end: Int64, into sums: inout [RowKey: RowSums]) {
        var k = (start - run.start) / run.step
        while true {
            let stepStart = run.start + k * run.step
            guard stepStart < end else { break }
            let seconds = Swift.min(end, stepStart + run.step) - Swift.max(start, stepStart)
            if seconds > 0 {
                for pool in run.pools { allocate(pool, at: stepStart, seconds: seconds, into: &sums) }
            }
            k += 1
        }
    }
}
