import HTTPTypes
import Hummingbird

/// Puts the request id (the one in every log line of the request) in the `X-Request-Id`
/// response header, so a client can quote it.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.requestID] = context.id
        return response
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
}
