import Foundation
@testable import HeadroomCLI
import Testing

/// `headroom profile import`: its flags are checked before any file is read, and a file's
/// problem names the file and the key.
@Suite struct ProfileImportCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ConfigTests/Fixtures/vllm")

    @Test(arguments: [
        (["profile", "import", "--model", "chat-8b"], "Missing expected argument '<files> ...'"),
        (["profile", "import", "--model", "m", "--slo-ttft-ms", "soon", "--slo-tpot-ms", "5", "a.json"],
         "The value 'soon' is invalid for '--slo-ttft-ms <slo-ttft-ms>'"),
        (["profile", "import", "--model", "", "a.json"], "--model must not be empty"),
        (["profile", "import", "--model", "m", "--slo-ttft-ms", "500", "a.json"], "give --slo-ttft-ms and --slo-tpot-ms together"),
        (["profile", "import", "--model", "m", "--slo-ttft-ms", "500", "--slo-tpot-ms", "-1", "a.json"],
         "--slo-ttft-ms and --slo-tpot-ms must be positive milliseconds"),
        (["profile", "import", "a.json"], "Missing expected argument '--model <model>'"),
        (["profile", "import", "--model", "m", "--variant", "", "a.json"], "--variant must not be empty"),
    ])
    func badFlagsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }

    @Test func filesAreReadAndTargetsChecked() throws {
        let files = [8, 32, 64].map { Self.fixtures.appendingPathComponent("vllm-concurrency\($0).json").path }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var command = try #require(try Headroom.parseAsRoot(["profile", "import", "--model", "chat-8b", "--variant", "h100-tp1", "--slo-ttft-ms", "1000",
                                                             "--slo-tpot-ms", "50", "-o", output] + files) as? ProfileImportCommand)
        try command.run()
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.hasPrefix("# models.chat-8b, variant h100-tp1: 3 points from vllm bench serve\nprofile:\n"))
        #expect(text.contains("  - { concurrency: 32, input_tps: 21000, output_tps: 3900, ttft_p99_ms: 901.7, tpot_p99_ms: 44.9 }"))
        #expect(text.contains("slo: { ttft_p99_ms: 1000.0, tpot_p99_ms: 50.0 }"))
        command.sloTtftMs = 100
        #expect { try command.run() } throws: { error in
            "\(error)" == "no point meets TTFT 100.0 ms and TPOT 50.0 ms: the lowest measured are TTFT 350.2 ms and TPOT 28.1 ms"
        }
        command.files = ["/nonexistent/run.json"]
        #expect { try command.run() } throws: { error in "\(error)" == "/nonexistent/run.json: cannot read the file" }
    }
}
