import Foundation
import Planning
public import Reports
public import Store
import Traffic

/// Loads the plan runs in force over a period and makes its ``CostReport``: shared by
/// `headroom report cost` and `GET /v1/reports/cost.csv`. Only runs overlapping the period are
/// read; the report's rows are produced lazily as the caller streams them.
public struct CostReportJob: Sendable {
    /// The period `[from, to)`, Unix seconds.
    public var from: Int64
    public var to: Int64
    public var granularity: ReportGranularity
    public var groupBy: Set<ReportDimension>

    public init(from: Int64, to: Int64, granularity: ReportGranularity = .hour,
                groupBy: Set<ReportDimension> = Set(ReportDimension.allCases)) {
        self.from = from
        self.to = to
        self.granularity = granularity
        self.groupBy = groupBy
    }

    /// The report, and the ids of the plan runs it draws on.
    public func run(on database: AppDatabase) throws -> (report: CostReport, planRunIDs: [Int64]) {
        // The period is checked before anything is read: a report with no runs validates it.
        do {
            _ = try CostReport(runs: [], from: from, to: to, granularity: granularity, groupBy: groupBy)
        } catch {
            throw CostReportJobError.invalid(error)
        }
        guard try database.latestPlanRunID() != nil else { throw CostReportJobError.noPlan }
        let stored = try database.planRuns(overlapping: from, to: to)
        guard !stored.isEmpty else {
            throw CostReportJobError.notCovered(from: from, to: to, span: try database.plannedSpan())
        }
        let runs = try stored.map { run in
            guard let plan = PlanJSON.plan(of: run),
                  let createdAt = Timestamp.parse(run.createdAt)
            else { throw CostReportJobError.unreadablePlan(run.id) }
            return PlanRunInForce(id: run.id, createdAt: createdAt, plan: plan)
        }
        do {
            return (try CostReport(runs: runs, from: from, to: to, granularity: granularity, groupBy: groupBy),
                    runs.map(\.id))
        } catch {
            throw CostReportJobError.invalid(error)
        }
    }
}

/// Why no cost report was made.
public enum CostReportJobError: Error, Equatable, CustomStringConvertible {
    case invalid(CostReportError)
    case noPlan
    case notCovered(from: Int64, to: Int64, span: (start: Int64, end: Int64)?)
    case unreadablePlan(Int64)

    public static func == (a: Self, b: Self) -> Bool { a.description == b.description }

    public var description: String {
        switch self {
        case .invalid(let error): error.description
        case .noPlan: "no plan is stored yet: run the plan job first"
        case .notCovered(let from, let to, let span):
            "no stored plan covers \(Timestamp.format(from)) to \(Timestamp.format(to))"
                + (span.map { " (the stored plans cover \(Timestamp.format($0.start)) to \(Timestamp.format($0.end)))" } ?? "")
        case .unreadablePlan(let id): "plan #\(id) cannot be read by this version of Headroom"
        }
    }
}
