import Hummingbird
import Jobs
import Reports
import Store
import Traffic

extension Routes {
    /// `GET /v1/reports/cost.csv?from=&to=&granularity=hour|day&group_by=model,region`: the cost
    /// report of `[from, to)` as RFC 4180 CSV (docs/REPORTS.md), streamed in chunks of 64 KiB
    /// as its rows are made.
    var reportRoutes: [Route] {
        [
            Route(.get, "/v1/reports/cost.csv", .token(.read)) { request, _ -> Response in
                let query = try Query(request, allowed: ["from", "to", "granularity", "group_by"])
                guard let from = try query.time("from"), let to = try query.time("to") else {
                    throw Problem(.invalidParameter, "query parameters 'from' and 'to' (RFC 3339 times) are required")
                }
                let granularity = try query.choice("granularity", ReportGranularity.self) ?? .hour
                var groupBy = Set(ReportDimension.allCases)
                if let text = query.string("group_by") {
                    do { groupBy = try ReportDimension.parseList(text) } catch {
                        throw Problem(.invalidParameter, "query parameter 'group_by': '\(text)' must list model and/or region, comma separated")
                    }
                }
                let job = CostReportJob(from: from, to: to, granularity: granularity, groupBy: groupBy)
                let database = self.database
                let report: CostReport
                do {
                    report = try await offload { try job.run(on: database).report }
                } catch let error as CostReportJobError {
                    switch error {
                    case .invalid: throw Problem(.invalidParameter, error.description)
                    case .noPlan, .notCovered: throw Problem(.notFound, error.description)
                    case .unreadablePlan: throw Problem(.internalError, error.description)
                    }
                }
                let name = "headroom-cost-\(Timestamp.format(from).prefix(10))-\(Timestamp.format(to).prefix(10)).csv"
                return Response(
                    status: .ok,
                    headers: [.contentType: "text/csv; charset=utf-8; header=present",
                              .contentDisposition: "attachment; filename=\"\(name)\""],
                    body: ResponseBody { writer in
                        var buffer = ByteBuffer(string: CostCSV.header)
                        for row in report {
                            buffer.writeString(CostCSV.line(row))
                            if buffer.readableBytes >= 1 << 16 {
                                try await writer.write(buffer)
                                buffer.clear()
                            }
                        }
                        try await writer.write(buffer)
                        try await writer.finish(nil)
                    })
            },
        ]
    }
}
