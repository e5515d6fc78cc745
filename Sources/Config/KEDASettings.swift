#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `service.keda`: where `headroom serve` serves KEDA's external scaler (gRPC), and its TLS.
/// Off when the section is absent.
public struct KEDASettings: Sendable, Hashable {
    /// An IPv4 or IPv6 literal (`127.0.0.1`, `0.0.0.0`, `::1`).
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// PEM files: the server's certificate chain and key and, for mutual TLS, the CA KEDA's client
    /// certificate must chain to (KEDA's `caCert`, `tlsClientCert`, `tlsClientKey`); nil serves
    /// plaintext.
    public var tls: TLSFiles?

    public struct TLSFiles: Sendable, Hashable {
        public var certificate: String
        public var key: String
        public var clientCA: String?

        public init(certificate: String, key: String, clientCA: String? = nil) {
            self.certificate = certificate
            self.key = key
            self.clientCA = clientCA
        }
    }

    public init(host: String = "127.0.0.1", port: Int = 9443, tls: TLSFiles? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
    }

    /// `host:port` as configured.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// `text` as `host:port` (`[v6]:port` for IPv6), or why it is not one.
    public static func parse(listen text: String) -> Result<(host: String, port: Int), ListenProblem> {
        let host: Substring, portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return .failure(ListenProblem(text: text))
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return .failure(ListenProblem(text: text)) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0...65_535).contains(port), Self.isLiteral(String(host)) else {
            return .failure(ListenProblem(text: text))
        }
        return .success((String(host), port))
    }

    /// Whether `host` is an IPv4 dotted quad or an IPv6 literal.
    static func isLiteral(_ host: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, host, &buffer) == 1 || inet_pton(AF_INET6, host, &buffer) == 1
    }

    /// A `listen` value that is not `host:port`.
    public struct ListenProblem: Error, Sendable {
        public var text: String
        public var description: String {
            "'\(text)' is not host:port with an IP address and a port from 0 to 65535 (e.g. 127.0.0.1:9443, 0.0.0.0:9443, [::1]:9443)"
        }
    }
}
