import Hummingbird

/// Answers 413 at once when a request declares a `Content-Length` above the service's limit,
/// before a byte of the body is read, and closes the connection rather than read the body only
/// to drop it. Bodies without a declared length are limited as they are read.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxRequestBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let declared = request.headers[.contentLength], let length = Int(declared), length > maxRequestBytes {
            var problem = Problem(.bodyTooLarge, "the body declares \(length) bytes (Content-Length); this service accepts "
                + "at most \(maxRequestBytes) (service.max_request_bytes)")
            problem.headers[.connection] = "close"
            throw problem
        }
        return try await next(request, context)
    }
}
