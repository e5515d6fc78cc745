@testable import HeadroomCLI
import Testing

/// The flags of KEDA's external scaler and its load benchmark refuse bad values by name.
@Suite struct KEDAOptionsTests {
    @Test(arguments: [
        (["serve", "--keda-port", "70000"], "--keda-port must be between 0 and 65535, not 70000"),
        (["serve", "--port", "9443", "--keda-port", "9443"], "--keda-port 9443 is --port's too"),
        (["bench", "keda", "--address", "localhost:9443"], "--address 'localhost:9443' is not host:port with an IP address"),
        (["bench", "keda", "--address", "127.0.0.1:9443", "--concurrency", "0"], "--concurrency must be between 1 and 4096, not 0"),
        (["bench", "keda", "--address", "127.0.0.1:9443", "--seconds", "0.5"], "--seconds must be between 1 and 600, not 0.5"),
    ])
    func badFlagsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }
}
