import ArgumentParser
import Config
import Foundation
import Planning

/// `headroom profile import`: the `profile` block of a model from `vllm bench serve` results.
struct ProfileImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read `vllm bench serve --save-result` JSON files (one per concurrency level) into a model's token profile.",
        discussion: """
            Each file gives one point: its max_concurrency, total_input_tokens and total_output_tokens over \
            duration (tokens per second) and its p99_ttft_ms and p99_tpot_ms. The points are printed (or \
            written with --output) as the YAML `profile` block of models.<model>, sorted by concurrency; add \
            `slo: { ttft_p99_ms: ..., tpot_p99_ms: ... }` beside it. With --slo-ttft-ms and --slo-tpot-ms the \
            block includes it, and the command fails when no point meets both.
            """
    )

    @Option(help: "The model the profile is for (named in the output).")
    var model: String

    @Option(help: "The variant of the model the runs measured (named in the output; the block goes under its item of models.<model>.variants).")
    var variant: String?

    @Option(parsing: .unconditional, help: "p99 time-to-first-token target, milliseconds (writes the slo line and checks a point meets it).")
    var sloTtftMs: Double?

    @Option(parsing: .unconditional, help: "p99 time-per-output-token target, milliseconds (with --slo-ttft-ms).")
    var sloTpotMs: Double?

    @Option(name: .shortAndLong, help: "Write the YAML block to this file instead of standard output.")
    var output: String?

    @Argument(help: "Result files of `vllm bench serve --save-result`, one per --max-concurrency.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one result file of `vllm bench serve --save-result`") }
        guard !model.isEmpty else { throw ValidationError("--model must not be empty") }
        if let variant, variant.isEmpty { throw ValidationError("--variant must not be empty") }
        switch (sloTtftMs, sloTpotMs) {
        case (nil, nil): break
        case (let ttft?, let tpot?):
            guard ttft > 0, ttft.isFinite, tpot > 0, tpot.isFinite else {
                throw ValidationError("--slo-ttft-ms and --slo-tpot-ms must be positive milliseconds, got \(ttft) and \(tpot)")
            }
        default: throw ValidationError("give --slo-ttft-ms and --slo-tpot-ms together")
        }
    }

    func run() throws {
        var points: [(file: String, point: TokenPoint)] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure("\(file): cannot read the file")
            }
            points.append((file, try VLLMBenchmarkResult.point(data, file: file)))
        }
        let profile = try VLLMBenchmarkResult.profile(points)
        let owner = variant.map { "models.\(model), variant \($0)" } ?? "models.\(model)"
        var text = "# \(owner): \(profile.count) points from vllm bench serve\n" + VLLMBenchmarkResult.yaml(profile)
        if let ttft = sloTtftMs, let tpot = sloTpotMs {
            let tokens = TokenProfile(points: profile, ttftP99Milliseconds: ttft, tpotP99Milliseconds: tpot)
            guard let best = tokens.best else {
                let lowest = (profile.map(\.ttftP99Milliseconds).min() ?? 0, profile.map(\.tpotP99Milliseconds).min() ?? 0)
                throw CommandFailure("no point meets TTFT \(ttft) ms and TPOT \(tpot) ms: the lowest measured are TTFT "
                    + "\(lowest.0) ms and TPOT \(lowest.1) ms")
            }
            text += "slo: { ttft_p99_ms: \(ttft), tpot_p99_ms: \(tpot) }\n"
            text += "# best point within the targets: concurrency \(best.concurrency), "
                + "\(Int(best.inputTokensPerSecond.rounded())) prompt and \(Int(best.outputTokensPerSecond.rounded())) "
                + "generated tokens per second per replica\n"
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
                throw CommandFailure("\(output): cannot write the file")
            }
        } else {
            print(text, terminator: "")
        }
    }
}
