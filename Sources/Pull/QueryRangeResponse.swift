public import Foundation

/// A `query_range` answer of Prometheus's HTTP API (`/api/v1/query_range`): the matrix's series,
/// each with its labels and `(time, value)` samples, or Prometheus's error.
public struct QueryRangeResponse: Sendable, Equatable {
    /// One result series: its labels and samples in time order (Unix seconds; NaN and
    /// infinities as Prometheus sent them, which the pull stores as gaps).
    public struct Series: Sendable, Equatable {
        public var labels: [String: String]
        public var samples: [(time: Int64, value: Double)]

        public init(labels: [String: String], samples: [(time: Int64, value: Double)]) {
            self.labels = labels
            self.samples = samples
        }

        public static func == (a: Series, b: Series) -> Bool {
            a.labels == b.labels && a.samples.count == b.samples.count
                && zip(a.samples, b.samples).allSatisfy { $0.time == $1.time && ($0.value == $1.value || ($0.value.isNaN && $1.value.isNaN)) }
        }
    }

    public var series: [Series]

    public init(series: [Series]) {
        self.series = series
    }

    /// Why an answer could not be used: Prometheus's own error (its `errorType` and `error`,
    /// quoted), or a body that is not a matrix answer.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var errorType: String?
        public var message: String

        public init(errorType: String?, message: String) {
            self.errorType = errorType
            self.message = message
        }

        public var description: String {
            errorType.map { "Prometheus answered \($0): \(message)" } ?? message
        }
    }

    /// Decodes `body`.
    /// - Throws: ``Problem``: Prometheus's error (status "error"), or a body that is not JSON of a
    ///   matrix result.
    public static func decode(_ body: Data) throws(Problem) -> QueryRangeResponse {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: body)
        } catch {
            throw Problem(errorType: nil, message: "the answer is not JSON (\(body.count) bytes): \(String(decoding: body.prefix(200), as: UTF8.self))")
        }
        guard let root = object as? [String: Any], let status = root["status"] as? String else {
            throw Problem(errorType: nil, message: "the answer has no status: not Prometheus's HTTP API")
        }
        guard status == "success" else {
            throw Problem(errorType: root["errorType"] as? String ?? "error", message: root["error"] as? String ?? "(no message)")
        }
        guard let data = root["data"] as? [String: Any], let type = data["resultType"] as? String else {
            throw Problem(errorType: nil, message: "the answer has no data.resultType")
        }
        guard type == "matrix", let result = data["result"] as? [[String: Any]] else {
            throw Problem(errorType: nil, message: "the answer is a \(type), not a matrix: is the endpoint query_range?")
        }
        var series: [Series] = []
        for item in result {
            let labels = item["metric"] as? [String: String] ?? [:]
            var samples: [(time: Int64, value: Double)] = []
            for pair in item["values"] as? [[Any]] ?? [] {
                guard pair.count == 2, let time = (pair[0] as? NSNumber)?.doubleValue, let text = pair[1] as? String else {
                    throw Problem(errorType: nil, message: "a sample of \(labels) is not [time, \"value\"]")
                }
                samples.append((Int64(time.rounded()), Self.value(text)))
            }
            series.append(Series(labels: labels, samples: samples))
        }
        return QueryRangeResponse(series: series)
    }

    /// Prometheus's text of a float: a decimal, `NaN`, `+Inf` or `-Inf`.
    static func value(_ text: String) -> Double {
        switch text {
        case "NaN": .nan
        case "+Inf": .infinity
        case "-Inf": -.infinity
        default: Double(text) ?? .nan
        }
    }
}
