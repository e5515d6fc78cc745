import Hummingbird
import Jobs
import Scheduling
import Store

extension Routes {
    /// `POST /v1/jobs/{job}` for the jobs ``JobCatalog`` lets REST start (202 with the run, which
    /// goes on in the background; 409 while the job runs anywhere), `GET /v1/jobs?job=&limit=`
    /// and `GET /v1/jobs/{id}`.
    var jobRoutes: [Route] {
        [
            Route(.post, "/v1/jobs/{job}", .token(.write)) { request, context -> Response in
                _ = try Query(request, allowed: [])
                let text = context.parameters.get("job") ?? ""
                guard let kind = JobCatalog.job(named: text).flatMap({ $0.startableOverREST ? $0.kind : nil }) else {
                    throw Problem(.notFound, "there is no job '\(text)': the jobs are \(Self.startableJobs)")
                }
                let execution: JobExecution
                do {
                    execution = try await self.runner.start(kind, trigger: .api)
                } catch let refused as JobRunRefused {
                    throw Problem(.conflict, refused.description)
                }
                self.apiJobs.follow(execution, metrics: self.metrics)
                var response = try JSONCoding.response(JobDocument(execution.started), status: .accepted)
                response.headers[.location] = "/v1/jobs/\(execution.started.id)"
                return response
            },
            Route(.get, "/v1/jobs", .token(.read)) { request, _ -> Response in
                let query = try Query(request, allowed: ["job", "limit"])
                let kind = try query.choice("job", among: JobCatalog.kinds)
                let limit = try query.integer("limit", in: 1...1000) ?? 50
                let database = self.database, clock = self.runner.clock
                let runs = try await offload {
                    database.sweepStaleJobRuns(at: clock.now())  // a crashed run shows as interrupted
                    return try database.jobRuns(kind: kind, limit: limit)
                }
                return try JSONCoding.response(JobList(jobs: runs.map(JobDocument.init)))
            },
            // One parameter name for both routes (Hummingbird's trie wants that): a job name on
            // POST, a run id on GET.
            Route(.get, "/v1/jobs/{job}", .token(.read)) { request, context -> Response in
                _ = try Query(request, allowed: [])
                let id = try identifier(context, "job", meaning: "job run id")
                let database = self.database, clock = self.runner.clock
                guard let run = try await offload({ () throws -> JobRunRecord? in
                    database.sweepStaleJobRuns(at: clock.now())
                    return try database.jobRun(id: id)
                }) else {
                    throw Problem(.notFound, "there is no job run \(id)")
                }
                return try JSONCoding.response(JobDocument(run))
            },
        ]
    }

    /// The jobs `POST /v1/jobs/{job}` starts, as a sentence: `forecast, tune, plan and execute`.
    static let startableJobs: String = {
        let names = JobCatalog.jobs.filter(\.startableOverREST).map(\.kind.rawValue)
        guard let last = names.last else { return "none" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }()
}
