import AsyncHTTPClient
import Foundation
import NIOCore
public import Pull

/// Prometheus's HTTP API as a pull reads it: `query_range` by POST (the query in the form body,
/// so a long PromQL never meets a URL limit), with the source's authentication and timeout,
/// retried with exponential backoff on 5xx, timeouts and refused connections; 4xx answers are
/// not retried and quote Prometheus's message.
public struct PrometheusClient: Sendable {
    public var source: PrometheusSource
    /// Attempts after the first on a retryable failure.
    public var retries: Int
    /// The wait before the first retry; doubled before each next one.
    public var backoff: Duration

    public init(source: PrometheusSource, retries: Int = 3, backoff: Duration = .milliseconds(500)) {
        self.source = source
        self.retries = retries
        self.backoff = backoff
    }

    /// The answer of `query` evaluated at every step in `range` (Unix seconds, inclusive).
    /// - Throws: ``PullError``.
    public func queryRange(_ query: String, range: ClosedRange<Int64>) async throws(PullError) -> QueryRangeResponse {
        let authorization = try Self.authorization(source.authentication)
        let body = [("query", query), ("start", String(range.lowerBound)), ("end", String(range.upperBound)),
                    ("step", "\(source.step.seconds)s")]
            .map { "\($0.0)=\(Self.formEncoded($0.1))" }.joined(separator: "&")
        var wait = backoff
        var attempt = 0
        while true {
            var request = HTTPClientRequest(url: source.url + "/api/v1/query_range")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.headers.add(name: "Accept", value: "application/json")
            // Uncompressed: gzip doubles the time Prometheus takes to answer (measured on loopback,
            // docs/BENCHMARKS.md), more than the transfer of a 6 MB answer costs on a data-centre link.
            request.headers.add(name: "Accept-Encoding", value: "identity")
            if let authorization { request.headers.add(name: "Authorization", value: authorization) }
            request.body = .bytes(ByteBuffer(string: body))
            let failure: String
            do {
                let response = try await Self.http.execute(request, timeout: .milliseconds(Int64(source.timeoutSeconds * 1_000)))
                let bytes = try await Self.body(of: response)
                switch response.status.code {
                case 200..<300:
                    let decoded: QueryRangeResponse
                    do {
                        decoded = try bytes.withUnsafeReadableBytes { raw throws(QueryRangeResponse.Problem) in try QueryRangeResponse.decode(raw) }
                    } catch let problem { throw PullError.answer(problem) }
                    return decoded
                case 300..<400:
                    let location = response.headers.first(name: "Location") ?? "(no Location)"
                    throw PullError.refused(status: Int(response.status.code),
                                            message: "redirected to \(location): set sources.prometheus.url to where it points")
                case 400..<500:
                    throw PullError.refused(status: Int(response.status.code), message: Self.quoted(Data(bytes.readableBytesView)))
                default:
                    failure = "HTTP \(response.status.code): \(Self.quoted(Data(bytes.readableBytesView)))"
                }
            } catch let error as PullError {
                throw error
            } catch {
                failure = Self.describe(error, timeoutSeconds: source.timeoutSeconds)
            }
            guard attempt < retries else {
                throw PullError.unavailable(attempts: attempt + 1, last: failure)
            }
            attempt += 1
            try? await Task.sleep(for: wait)
            wait *= 2
        }
    }

    /// `value` for an `application/x-www-form-urlencoded` body: every byte but the unreserved
    /// characters of RFC 3986 percent-encoded (PromQL's `+`, `=`, `&`, `#` and spaces included).
    static func formEncoded(_ value: String) -> String {
        var encoded = ""
        for byte in value.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default: encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }

    /// The HTTP client of every pull, for the life of the process: no redirects followed (a POST
    /// must not turn into a GET; a redirect is reported), no compression asked for (see the
    /// `Accept-Encoding` header), and a refused connection failing at once rather than retried
    /// by the pool until the request's deadline: the pull's own backoff retries it.
    static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            certificateVerification: .fullVerification, redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10)), decompression: .disabled)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The largest answer read (a 28-day, 5-minute answer for 34 series is about 6 MB).
    static let maximumBodyBytes = 512 * 1_048_576

    /// The whole body of `response`, in one buffer sized from its `Content-Length` when given
    /// (no regrowing and copying of a multi-megabyte answer).
    static func body(of response: HTTPClientResponse) async throws -> ByteBuffer {
        let declared = response.headers.first(name: "Content-Length").flatMap(Int.init) ?? 0
        guard declared <= maximumBodyBytes else { throw PullError.answer(.init(errorType: nil, message: "the answer is \(declared) bytes, over the 512 MiB a pull reads")) }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(declared)
        for try await var chunk in response.body {
            guard buffer.readableBytes + chunk.readableBytes <= maximumBodyBytes else {
                throw PullError.answer(.init(errorType: nil, message: "the answer is over the 512 MiB a pull reads"))
            }
            buffer.writeBuffer(&chunk)
        }
        return buffer
    }

    /// A transport failure in words: the timeout, a refused or reset connection, else the error.
    static func describe(_ error: any Error, timeoutSeconds: Double) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                let seconds = timeoutSeconds == timeoutSeconds.rounded() ? "\(Int(timeoutSeconds))" : "\(timeoutSeconds)"
                return "no answer within the \(seconds) s timeout"
            case .remoteConnectionClosed:
                return "the connection was closed before an answer"
            default:
                return "\(error)"
            }
        }
        if let error = error as? IOError {
            return error.errnoCode == ECONNREFUSED ? "connection refused" : "\(error)"
        }
        return "\(error)"
    }

    /// Prometheus's own error message when the body carries one, else the body's start.
    static func quoted(_ data: Data) -> String {
        do {
            _ = try QueryRangeResponse.decode(data)
        } catch where error.errorType != nil {
            return error.message
        } catch {}
        let text = String(decoding: data.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "(no body)" : text
    }

    /// The `Authorization` header of `authentication`, its secret read from its file now.
    static func authorization(_ authentication: PrometheusSource.Authentication) throws(PullError) -> String? {
        switch authentication {
        case .none:
            return nil
        case .bearerTokenFile(let path):
            return "Bearer " + (try secret(path))
        case .basic(let username, let passwordFile):
            let password = try secret(passwordFile)
            return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        }
    }

    static func secret(_ path: String) throws(PullError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PullError.credentials("\(path) cannot be read")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw PullError.credentials("\(path) is empty") }
        return text
    }
}

/// Why a pull stored nothing; each says what went wrong where.
public enum PullError: Error, Equatable, CustomStringConvertible {
    /// Prometheus refused the request (4xx, e.g. bad PromQL): its message, quoted.
    case refused(status: Int, message: String)
    /// No answer after the retries (5xx, timeouts, refused connections).
    case unavailable(attempts: Int, last: String)
    /// A secret file of the source's authentication.
    case credentials(String)
    /// An answer that is not a matrix, or Prometheus's error in a 2xx.
    case answer(QueryRangeResponse.Problem)

    public var description: String {
        switch self {
        case .refused(let status, let message): "Prometheus refused the query (HTTP \(status)): \(message)"
        case .unavailable(let attempts, let last): "no answer after \(attempts) attempts; last: \(last)"
        case .credentials(let problem): "sources.prometheus credentials: \(problem)"
        case .answer(let problem): "\(problem)"
        }
    }
}

/// A ``PullError`` with the source it came from: what `headroom pull` and the pull job report.
public struct SourcePullError: Error, Equatable, CustomStringConvertible {
    public var url: String
    public var error: PullError

    public var description: String { "sources.prometheus (\(url)): \(error)" }
}
