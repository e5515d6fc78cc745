import Hummingbird
import Logging
import Store

/// Turns a storage failure met by any route (a read-only database, a full disk, an I/O error)
/// into a 503 problem with a stable type (`storage-unavailable`, `disk-full`) and a
/// `Retry-After`, logs the SQLite cause (which clients never see), records the failure so that
/// `/readyz` reports not ready, and tries to recover at once (a read-only database is opened
/// again: its permissions may have been fixed), so the service heals without a restart.
struct StorageMiddleware: RouterMiddleware {
    typealias Context = HeadroomRequestContext

    let database: AppDatabase

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            guard let failure = StorageFailure(error) else { throw error }
            context.logger.error("storage failure", metadata: ["cause": "\(failure.cause)", "path": "\(request.uri.path)"])
            database.health.record(failure)
            let database = self.database
            let still = try? await offload { database.recover() }
            throw Self.problem(failure, recovered: still == .some(nil))
        }
    }

    /// The problem a client gets for `failure`.
    static func problem(_ failure: StorageFailure, recovered: Bool = false) -> Problem {
        let kind: Problem.Kind = if case .diskFull = failure { .diskFull } else { .storageUnavailable }
        var problem = Problem(kind, "nothing stored: \(failure)"
            + (recovered ? "; the store has recovered since, retry now" : "; retry later (the cause is in the service log)"))
        problem.headers[.retryAfter] = recovered ? "0" : "5"
        return problem
    }
}
