import Hummingbird
import Logging
import NIOCore

/// Answers every error below it as a ``Problem``: the framework's own (no route, wrong method,
/// body too large) by their status, anything else as a 500 that is logged with the request id
/// and reveals nothing. It renders the problem itself, so the middlewares above it (metrics,
/// request id) see an ordinary response with the right status.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.problem(error, request: request, context: context).response(from: request, context: context)
        }
    }

    static func problem(_ error: any Error, request: Request, context: Context) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case is NIOTooManyBytesError:
            return Problem(.bodyTooLarge, "the request body is larger than this service accepts")
        case let error as HTTPError:
            return Self.problem(error, request: request)
        case is CancellationError:
            return Problem(.unavailable, "the service is shutting down")
        default:
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return Problem(.internalError, "an internal error occurred; quote request id \(context.id) when reporting it")
        }
    }

    static func problem(_ error: HTTPError, request: Request) -> Problem {
        switch error.status {
        case .notFound:
            Problem(.notFound, "no resource at \(request.uri.path)")
        case .methodNotAllowed:
            Problem(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path)")
        case .contentTooLarge:
            Problem(.bodyTooLarge, "the request body is larger than this service accepts")
        case .unsupportedMediaType:
            Problem(.unsupportedMediaType, error.body ?? "unsupported content type")
        case .unauthorized:
            Problem(.unauthenticated, error.body ?? "a bearer token is required")
        case .forbidden:
            Problem(.forbidden, error.body ?? "the token's scope does not allow this")
        case .serviceUnavailable:
            Problem(.unavailable, error.body ?? "the service is not ready")
        case let status where status.code >= 500:
            Problem(.internalError, "an internal error occurred")
        default:
            Problem(.invalidBody, error.body ?? "the request could not be read")
        }
    }
}
