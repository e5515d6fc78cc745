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

    /// Decodes `body` in one pass (``JSONScanner``), the members in any order.
    /// - Throws: ``Problem``: Prometheus's error (status "error"), or a body that is not JSON of a
    ///   matrix result.
    public static func decode(_ body: Data) throws(Problem) -> QueryRangeResponse {
        let result = body.withUnsafeBytes { raw in Result { () throws(Problem) in try decode(raw) } }
        return try result.get()
    }

    /// Decodes the bytes of `body` (see ``decode(_:)-(Data)``).
    public static func decode(_ body: UnsafeRawBufferPointer) throws(Problem) -> QueryRangeResponse {
        var status: String?, errorType: String?, error: String?, resultType: String?
        var series: [Series] = []
        var sampleProblem: String?
        let parsed: Bool = {
            var scanner = JSONScanner(body.bindMemory(to: UInt8.self))
            do {
                try scanner.object { scanner, key in
                    switch key {
                    case "status": status = try scanner.string()
                    case "errorType": errorType = try scanner.string()
                    case "error": error = try scanner.string()
                    case "data":
                        guard scanner.peek() == UInt8(ascii: "{") else { return try scanner.skipValue() }
                        try scanner.object { scanner, key in
                            switch key {
                            case "resultType": resultType = try scanner.string()
                            case "result" where scanner.peek() == UInt8(ascii: "["):
                                try scanner.array { scanner in
                                    guard scanner.peek() == UInt8(ascii: "{") else { return try scanner.skipValue() }
                                    series.append(try Self.series(&scanner, problem: &sampleProblem))
                                }
                            default: try scanner.skipValue()
                            }
                        }
                    default: try scanner.skipValue()
                    }
                }
                return scanner.peek() == nil
            } catch {
                return false
            }
        }()
        guard parsed else {
            throw Problem(errorType: nil, message: "the answer is not JSON (\(body.count) bytes): \(String(decoding: UnsafeRawBufferPointer(rebasing: body.prefix(200)), as: UTF8.self))")
        }
        guard let status else {
            throw Problem(errorType: nil, message: "the answer has no status: not Prometheus's HTTP API")
        }
        guard status == "success" else {
            throw Problem(errorType: errorType ?? "error", message: error ?? "(no message)")
        }
        guard let resultType else {
            throw Problem(errorType: nil, message: "the answer has no data.resultType")
        }
        guard resultType == "matrix" else {
            throw Problem(errorType: nil, message: "the answer is a \(resultType), not a matrix: is the endpoint query_range?")
        }
        if let sampleProblem { throw Problem(errorType: nil, message: sampleProblem) }
        return QueryRangeResponse(series: series)
    }

    /// One result series: `metric` (labels) and `values` (`[time, "value"]` pairs), other members
    /// skipped; a pair of another shape is noted in `problem`.
    static func series(_ scanner: inout JSONScanner, problem: inout String?) throws -> Series {
        var labels: [String: String] = [:]
        var samples: [(time: Int64, value: Double)] = []
        try scanner.object { scanner, key in
            switch key {
            case "metric" where scanner.peek() == UInt8(ascii: "{"):
                try scanner.object { scanner, name in
                    if scanner.peek() == UInt8(ascii: "\"") { labels[name] = try scanner.string() } else { try scanner.skipValue() }
                }
            case "values" where scanner.peek() == UInt8(ascii: "["):
                try scanner.array { scanner in
                    guard scanner.peek() == UInt8(ascii: "["), problem == nil else {
                        problem = problem ?? "a sample is not [time, \"value\"]"
                        return try scanner.skipValue()
                    }
                    var time: Double?, value: Double?, count = 0
                    try scanner.array { scanner in
                        count += 1
                        switch (count, scanner.peek()) {
                        case (1, let byte?) where byte != UInt8(ascii: "\""): time = try scanner.number()
                        case (2, UInt8(ascii: "\"")): value = try scanner.floatString()
                        default: try scanner.skipValue()
                        }
                    }
                    guard count == 2, let time, let value else {
                        problem = "a sample of \(labels) is not [time, \"value\"]"
                        return
                    }
                    samples.append((Int64(time.rounded()), value))
                }
            default: try scanner.skipValue()
            }
        }
        return Series(labels: labels, samples: samples)
    }
}
