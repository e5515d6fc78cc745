import Foundation
public import Hummingbird

/// An RFC 9457 problem: the one shape every error of the service answers with
/// (`application/problem+json`). Its `type` is stable per kind of error (``Problem/Kind``); its
/// `detail` says what was wrong and where, and never carries a stack trace or SQL.
public struct Problem: HTTPResponseError, Sendable {
    /// The kinds of error, each with its stable `type` URI `urn:headroom:problem:<raw value>`.
    public enum Kind: String, Sendable, CaseIterable {
        case invalidParameter = "invalid-parameter"
        case unknownParameter = "unknown-parameter"
        case invalidBody = "invalid-body"
        case invalidTraffic = "invalid-traffic"
        case bodyTooLarge = "body-too-large"
        case unsupportedMediaType = "unsupported-media-type"
        case unauthenticated
        case forbidden
        case notFound = "not-found"
        case methodNotAllowed = "method-not-allowed"
        case conflict
        case unavailable
        case internalError = "internal-error"
        /// The database cannot be written (read-only file or mount, permissions, I/O): 503.
        case storageUnavailable = "storage-unavailable"
        /// The disk holding the database is full: 503.
        case diskFull = "disk-full"
        /// A token was sent in the query string, where logs and proxies keep it: 400.
        case credentialsInQuery = "credentials-in-query"

        var title: String {
            switch self {
            case .invalidParameter: "Invalid parameter"
            case .unknownParameter: "Unknown parameter"
            case .invalidBody: "Invalid request body"
            case .invalidTraffic: "Invalid traffic"
            case .bodyTooLarge: "Request body too large"
            case .unsupportedMediaType: "Unsupported media type"
            case .unauthenticated: "Authentication required"
            case .forbidden: "Insufficient scope"
            case .notFound: "Not found"
            case .methodNotAllowed: "Method not allowed"
            case .conflict: "Conflict"
            case .unavailable: "Service unavailable"
            case .internalError: "Internal error"
            case .storageUnavailable: "Storage unavailable"
            case .diskFull: "Disk full"
            case .credentialsInQuery: "Credentials in the query string"
            }
        }

        var status: HTTPResponse.Status {
            switch self {
            case .invalidParameter, .unknownParameter, .invalidBody, .invalidTraffic, .credentialsInQuery: .badRequest
            case .bodyTooLarge: .contentTooLarge
            case .unsupportedMediaType: .unsupportedMediaType
            case .unauthenticated: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .conflict: .conflict
            case .unavailable, .storageUnavailable, .diskFull: .serviceUnavailable
            case .internalError: .internalServerError
            }
        }
    }

    public var kind: Kind
    public var detail: String
    /// Itemised problems with the input (e.g. one per bad traffic row), at most 20.
    public var problems: [String]?
    /// How many problems there were in all, when more than `problems` lists.
    public var total: Int?
    public var headers: HTTPFields = [:]

    public init(_ kind: Kind, _ detail: String, problems: [String]? = nil, total: Int? = nil) {
        self.kind = kind
        self.detail = detail
        self.problems = problems
        self.total = total
        if kind == .unauthenticated { headers[.wwwAuthenticate] = "Bearer realm=\"headroom\"" }
    }

    public var status: HTTPResponse.Status { kind.status }

    /// The JSON body sent.
    struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var instance: String
        var requestId: String
        var problems: [String]?
        var total: Int?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(type: "urn:headroom:problem:\(kind.rawValue)", title: kind.title, status: status.code,
                        detail: detail, instance: request.uri.path, requestId: context.id, problems: problems,
                        total: total)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields,
                        body: .init(byteBuffer: ByteBuffer(bytes: try JSONCoding.encoder.encode(body))))
    }
}
