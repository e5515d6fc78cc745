public import Foundation
public import Planning

/// One load-test point read from the JSON that `vllm bench serve --save-result` writes: one run
/// at a fixed `--max-concurrency`.
///
/// Token rates are the run's totals over its duration (`total_input_tokens / duration`,
/// `total_output_tokens / duration`); the latencies are its `p99_ttft_ms` and `p99_tpot_ms`
/// (written when `--percentile-metrics` includes ttft and tpot and `--metric-percentiles`
/// includes 99, vLLM's defaults).
public enum VLLMBenchmarkResult {
    /// The point in `data`, the file named `file` (for messages).
    /// - Throws: ``ConfigurationError`` with the file as its path, naming the key that is
    ///   missing, null, of the wrong type or out of range.
    public static func point(_ data: Data, file: String) throws(ConfigurationError) -> TokenPoint {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ConfigurationError(path: file, reason: "is not a JSON object (expected the file `vllm bench serve --save-result` writes)")
            }
            object = parsed
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(path: file, reason: "is not JSON: \(error.localizedDescription)")
        }
        func number(_ key: String, hint: String = "") throws(ConfigurationError) -> Double {
            guard let value = object[key] else {
                throw ConfigurationError(path: file, reason: "missing key '\(key)'\(hint)")
            }
            guard !(value is NSNull) else { throw ConfigurationError(path: file, reason: "'\(key)' is null\(hint)") }
            if let text = value as? String {
                throw ConfigurationError(path: file, reason: "'\(key)' must be a number, got the string \"\(text)\"")
            }
            guard let number = (value as? NSNumber)?.doubleValue, number.isFinite else {
                throw ConfigurationError(path: file, reason: "'\(key)' must be a number, got \(value)")
            }
            return number
        }
        let percentiles = " (run vllm bench serve with --percentile-metrics ttft,tpot and --metric-percentiles 99)"
        let concurrency = try number("max_concurrency", hint: " (run vllm bench serve with --max-concurrency N: one file per concurrency level)")
        guard concurrency >= 1, concurrency == concurrency.rounded(), concurrency <= 1_000_000 else {
            throw ConfigurationError(path: file, reason: "'max_concurrency' must be a whole number of at least 1, got \(concurrency)")
        }
        let duration = try number("duration")
        guard duration > 0 else { throw ConfigurationError(path: file, reason: "'duration' must be greater than 0, got \(duration)") }
        if let value = object["failed"], !(value is NSNull), try number("failed") > 0 {
            let failed = try number("failed")
            throw ConfigurationError(path: file, reason: "\(Int(failed)) requests failed in this run: a profile point needs a run "
                + "where every request completed (lower the concurrency or raise the server's limits)")
        }
        var values: [String: Double] = [:]
        for key in ["total_input_tokens", "total_output_tokens", "p99_ttft_ms", "p99_tpot_ms"] {
            let value = try number(key, hint: key.hasPrefix("p99") ? percentiles : "")
            guard value > 0 else { throw ConfigurationError(path: file, reason: "'\(key)' must be greater than 0, got \(value)") }
            values[key] = value
        }
        return TokenPoint(concurrency: Int(concurrency),
                          inputTokensPerSecond: values["total_input_tokens", default: 0] / duration,
                          outputTokensPerSecond: values["total_output_tokens", default: 0] / duration,
                          ttftP99Milliseconds: values["p99_ttft_ms", default: 0],
                          tpotP99Milliseconds: values["p99_tpot_ms", default: 0])
    }

    /// The points of several runs sorted by concurrency, as the `profile` YAML block of a model.
    /// - Throws: ``ConfigurationError`` when two files measured the same concurrency.
    public static func profile(_ points: [(file: String, point: TokenPoint)]) throws(ConfigurationError) -> [TokenPoint] {
        let sorted = points.sorted { $0.point.concurrency < $1.point.concurrency }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.point.concurrency == b.point.concurrency {
            throw ConfigurationError(path: b.file, reason: "measures concurrency \(b.point.concurrency) like \(a.file): "
                + "give one file per concurrency level")
        }
        return sorted.map(\.point)
    }

    /// `profile:` and one flow-style line per point, rates rounded to whole tokens per second
    /// and latencies to 0.1 ms.
    public static func yaml(_ points: [TokenPoint], indent: String = "") -> String {
        func number(_ x: Double, _ digits: Int) -> String {
            let text = String(format: "%.\(digits)f", x)
            return digits > 0 && text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
        var lines = ["\(indent)profile:"]
        for p in points {
            lines.append("\(indent)  - { concurrency: \(p.concurrency), input_tps: \(number(p.inputTokensPerSecond, 0)), "
                + "output_tps: \(number(p.outputTokensPerSecond, 0)), ttft_p99_ms: \(number(p.ttftP99Milliseconds, 1)), "
                + "tpot_p99_ms: \(number(p.tpotP99Milliseconds, 1)) }")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
