import Foundation
import HTTPTypes
import Metrics
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import Synchronization

/// Keeps one HTTP/1 connection from holding the server's resources for nothing: it sits in each
/// connection's pipeline just after the HTTP decoder (one instance per connection) and
/// - refuses a connection past ``ConnectionLimits/maxConnections`` open ones (503 problem, closed),
/// - closes a connection that has not sent a complete request head within
///   ``ConnectionLimits/headerTimeout`` of connecting or of its previous response (slow or idle
///   clients; a partial head gets 408),
/// - closes a connection whose request body has sent nothing for ``ConnectionLimits/idleTimeout``,
/// - answers an unreadable request (a head larger than the decoder's limit, a malformed line)
///   with a problem+json body instead of a bare 400.
///
/// Runs on the connection's event loop only; the open-connection count is shared (atomic).
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Phase {
        /// Waiting for a request head (just connected, or the last exchange is over).
        case awaitingHead
        /// A request is being read (head seen, end not yet); its response may be written already.
        case readingBody
        /// The request is read; its response is not yet written.
        case responding
        case closed
    }

    private let limits: ConnectionLimits
    private let counter: ConnectionCounter
    private var phase = Phase.awaitingHead
    private var counted = false
    private var timer: Scheduled<Void>?
    /// When the current phase runs out (nil while a response is being made).
    private var deadline: NIODeadline?
    /// When the pending timer fires.
    private var timerAt: NIODeadline?
    /// Whether any request has completed on this connection (a head timeout is then just idle).
    private var served = false
    /// Whether the current request's response has been written (it may be before its body is read).
    private var responded = false

    init(limits: ConnectionLimits, counter: ConnectionCounter) {
        self.limits = limits
        self.counter = counter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { opened(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        opened(context)
        context.fireChannelActive()
    }

    private func opened(_ context: ChannelHandlerContext) {
        guard !counted else { return }
        counted = true
        let open = counter.open()
        guard open <= limits.maxConnections else {
            Counter(label: "headroom_connections_refused_total").increment()
            refuse(context, status: .serviceUnavailable, kind: "unavailable", title: "Service unavailable",
                   detail: "the service has \(limits.maxConnections) connections open, its limit; retry shortly",
                   retryAfter: 1)
            return
        }
        arm(context, after: limits.headerTimeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        released()
    }

    func channelInactive(context: ChannelHandlerContext) {
        released()
        context.fireChannelInactive()
    }

    private func released() {
        timer?.cancel()
        timer = nil
        timerAt = nil
        deadline = nil
        phase = .closed
        if counted {
            counted = false
            counter.close()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            phase = .readingBody
            responded = false
            arm(context, after: limits.idleTimeout)
        case .body:
            arm(context, after: limits.idleTimeout)
        case .end:
            if responded {
                exchangeOver(context)
            } else {
                phase = .responding
                disarm()
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            switch phase {
            case .responding: exchangeOver(context)
            case .readingBody: responded = true  // answered early; the body is still being read
            case .awaitingHead, .closed: break
            }
        }
        context.write(data, promise: promise)
    }

    /// Request read and response written: the next head must come within the header timeout.
    private func exchangeOver(_ context: ChannelHandlerContext) {
        phase = .awaitingHead
        served = true
        responded = false
        arm(context, after: limits.headerTimeout)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // This guard closed the connection (a timeout, a refusal): the decoder's complaint about
        // the body cut short is the expected consequence, not a failure to log.
        if phase == .closed, error is HTTPParserError { return }
        guard phase == .awaitingHead, let parse = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if case .headerOverflow = parse {
            refuse(context, status: .init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
                   kind: "headers-too-large", title: "Request head too large",
                   detail: "the request line and headers are larger than this service reads (80 KiB): "
                       + "send long parameters in a body, not in the URL")
        } else {
            refuse(context, status: .badRequest, kind: "malformed-request", title: "Malformed request",
                   detail: "the request is not valid HTTP/1.1 (\(parse))")
        }
    }

    /// Sets the current phase's deadline `seconds` from now. One timer per connection, moved
    /// when it fires early or when a deadline comes before it: a keep-alive request costs a
    /// clock read here, not a scheduled task per head and end.
    private func arm(_ context: ChannelHandlerContext, after seconds: Double) {
        let deadline = NIODeadline.now() + .nanoseconds(Int64(seconds * 1e9))
        self.deadline = deadline
        if let timerAt, timerAt <= deadline { return }
        timer?.cancel()
        schedule(context, at: deadline)
    }

    /// No deadline while the response is being made; a pending timer finds none and stops.
    private func disarm() {
        deadline = nil
    }

    private func schedule(_ context: ChannelHandlerContext, at time: NIODeadline) {
        let loop = context.eventLoop.assumeIsolated()
        timerAt = time
        timer = loop.scheduleTask(deadline: time) { [self] in
            timer = nil
            timerAt = nil
            guard phase != .closed, let deadline else { return }
            if deadline > .now() {
                schedule(context, at: deadline)
            } else {
                timedOut(context)
            }
        }
    }

    private func timedOut(_ context: ChannelHandlerContext) {
        Counter(label: "headroom_connections_timed_out_total", dimensions: [("phase", phase == .awaitingHead ? "head" : "body")])
            .increment()
        if phase == .awaitingHead, served {
            // An idle keep-alive connection: close it quietly.
            phase = .closed
            context.close(promise: nil)
            return
        }
        if phase == .awaitingHead {
            refuse(context, status: .requestTimeout, kind: "request-timeout", title: "Request timeout",
                   detail: "no complete request head within \(Self.format(limits.headerTimeout)) s")
        } else {
            // Mid-body: the response writer may be busy; just close.
            phase = .closed
            context.close(promise: nil)
        }
    }

    /// Writes a problem response with `Connection: close`, then closes.
    private func refuse(_ context: ChannelHandlerContext, status: HTTPResponse.Status, kind: String, title: String,
                        detail: String, retryAfter: Int? = nil) {
        phase = .closed
        disarm()
        let body = ConnectionProblem(type: "urn:headroom:problem:\(kind)", title: title, status: status.code,
                                     detail: detail)
        let bytes = (try? JSONCoding.encoder.encode(body)) ?? Data()
        var fields: HTTPFields = [.contentType: "application/problem+json", .connection: "close",
                                  .contentLength: "\(bytes.count)"]
        if let retryAfter { fields[.retryAfter] = "\(retryAfter)" }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: bytes))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// The problem body a connection-level refusal sends (no request, so no instance or request id).
private struct ConnectionProblem: Encodable {
    var type: String
    var title: String
    var status: Int
    var detail: String
}

/// How long a connection may take and how many may be open; `service:` keys `header_timeout`,
/// `idle_timeout` and `max_connections`.
public struct ConnectionLimits: Sendable, Equatable {
    /// Seconds a connection may go without a complete request head, from connecting or from its
    /// previous response (so also the keep-alive idle time).
    public var headerTimeout: Double
    /// Seconds a request body may go without sending anything.
    public var idleTimeout: Double
    /// Connections open at once; one more is answered 503 and closed.
    public var maxConnections: Int

    public init(headerTimeout: Double = 30, idleTimeout: Double = 60, maxConnections: Int = 4_096) {
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// These limits with at most `connections` open at once.
    func capped(at connections: Int) -> ConnectionLimits {
        var limits = self
        limits.maxConnections = min(maxConnections, connections)
        return limits
    }
}

/// The number of open connections, shared by every connection's ``ConnectionGuard``.
final class ConnectionCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// Counts one more; returns the count with it.
    func open() -> Int {
        let now = count.add(1, ordering: .relaxed).newValue
        Gauge(label: "headroom_connections_open").record(now)
        return now
    }

    func close() {
        let now = count.subtract(1, ordering: .relaxed).newValue
        Gauge(label: "headroom_connections_open").record(now)
    }

    var current: Int { count.load(ordering: .relaxed) }
}
