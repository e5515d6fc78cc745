import Crypto
import Foundation
public import Store
public import Traffic

/// Streams traffic files into the store: reads in 1 MiB chunks (memory stays bounded whatever
/// the file size), hashes what it reads (SHA-256, for the ingest log), validates every row with
/// ``TrafficCSVReader`` and stages the valid ones, all inside one transaction.
///
/// Without `skipInvalid`, any problem rolls everything back and the error lists the first
/// ``ProblemLog/limit`` problems with their line and column, plus the total. With it, valid
/// rows are stored and rejected ones written, with their reasons, to the rejects file.
public struct TrafficIngestor: Sendable {
    public let database: AppDatabase
    /// Bytes read per chunk.
    public var chunkSize = 1 << 20

    public init(database: AppDatabase) {
        self.database = database
    }

    /// Ingests the file at `path`, or standard input when `path` is `-`.
    /// - Parameter rejectsPath: where rejected rows go when `options.skipInvalid` is on.
    public func ingestFile(
        path: String, options: IngestOptions, rejectsPath: String? = nil
    ) throws -> IngestSummary {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw IngestError.unreadable(source: path, reason: "no such file")
            }
            guard !isDirectory.boolValue, let opened = FileHandle(forReadingAtPath: path) else {
                throw IngestError.unreadable(source: path, reason: "cannot open it for reading")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        let size = chunkSize
        var first = true
        var gzip: GzipDecoder?
        var ended = false
        var unhashed = Data()  // compressed bytes read but not yet handed on for hashing
        func read() throws -> Data? {
            do {
                return try handle.read(upToCount: size).flatMap { $0.isEmpty ? nil : $0 }
            } catch {
                throw IngestError.unreadable(source: path, reason: "read failed: \(error.localizedDescription)")
            }
        }
        return try ingest(source: path, options: options, rejectsPath: rejectsPath) {
            // Gzip files (by their magic bytes) are inflated as they stream; plain ones pass through.
            if first {
                first = false
                guard let data = try read() else { return nil }
                guard data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else {
                    return (raw: data, text: data)
                }
                do { gzip = try GzipDecoder() } catch { throw IngestError.unreadable(source: path, reason: "\(error)") }
                gzip?.feed(data)
                unhashed = data
            }
            guard let gzip else { return try read().map { (raw: $0, text: $0) } }
            do {
                while true {
                    if let text = try gzip.next() {
                        defer { unhashed = Data() }
                        return (raw: unhashed, text: text)
                    }
                    if ended { try gzip.finish(); return nil }
                    guard let more = try read() else { ended = true; continue }
                    gzip.feed(more)
                    // The hash covers the file's bytes as stored, compressed ones included.
                    return (raw: more, text: Data())
                }
            } catch let error as GzipError {
                throw IngestError.unreadable(source: path, reason: error.description)
            }
        }
    }

    /// Ingests CSV bytes already in memory (a request body), under the same rules as a file.
    public func ingest(bytes: [UInt8], options: IngestOptions) throws -> IngestSummary {
        var remaining = bytes.isEmpty ? nil : Data(bytes)
        return try ingest(source: options.source, options: options, rejectsPath: nil) {
            defer { remaining = nil }
            return remaining.map { (raw: $0, text: $0) }
        }
    }

    /// The shared path: `next` yields chunks until nil, each as the bytes read from the source
    /// (hashed for the ingest log) and the CSV text they decode to (either may be empty).
    func ingest(
        source: String, options: IngestOptions, rejectsPath: String?, next: () throws -> (raw: Data, text: Data)?
    ) throws -> IngestSummary {
        var problems = ProblemLog()
        var rowsRejected = 0  // by the reader or at staging; the store counts its own refusals
        let rejects = try options.skipInvalid ? rejectsPath.map(RejectsWriter.init(path:)) : nil
        defer { try? rejects?.close() }
        func reject(_ problem: TrafficProblem, _ text: String) throws {
            problems.record(problem)
            try rejects?.write(problem, text: text)
        }
        do {
            return try database.ingestTraffic(options: options, rejected: reject) { stager in
                var reader = TrafficCSVReader()
                var hasher = SHA256()
                let staging = !options.skipInvalid
                func handle(_ record: TrafficRecord) throws {
                    switch record {
                    case .row(let row):
                        // Once the file is lost, keep reading only to count its problems.
                        guard problems.total == 0 || !staging else { return }
                        if let problem = try stager.stage(row) {
                            rowsRejected += 1
                            try reject(problem, "\(Timestamp.format(row.timestamp)),\(row.key.model),"
                                + "\(row.key.region),\(row.key.metric.rawValue),\(row.value)")
                        }
                    case .rejected(let problem, let text):
                        rowsRejected += 1
                        try reject(problem, text)
                    case .fatal(let problem):
                        problems.record(problem, fatal: true)
                    }
                }
                while let chunk = try next() {
                    hasher.update(data: chunk.raw)
                    try chunk.text.withUnsafeBytes { try reader.consume($0, handle) }
                    if reader.isStopped { break }
                }
                try reader.finish(handle)
                if problems.isFatal {
                    throw IngestRejected(rowsRejected: problems.total)
                }
                return IngestSource(sha256: hasher.finalize().hex, rowsRejected: rowsRejected)
            }
        } catch is IngestRejected {
            throw IngestError.rejected(source: source, problems: problems.sorted, total: problems.total)
        }
    }
}

extension TrafficIngestor {
    /// Stores the demo traffic as one ingest (source `demo`), with a hash of its parameters.
    public func ingestDemo(_ demo: DemoTraffic) throws -> IngestSummary {
        let options = IngestOptions(step: DemoTraffic.step, onDuplicate: .replace, source: "demo")
        let parameters = "demo seed=\(demo.seed) end=\(demo.end) weeks=\(demo.weeks) series=\(demo.profiles.count)"
        return try database.ingestTraffic(options: options, rejected: { _, _ in }) { stager in
            try demo.forEach { row in
                if let problem = try stager.stage(row) { throw problem }
            }
            return IngestSource(sha256: SHA256.hash(data: Data(parameters.utf8)).hex, rowsRejected: 0)
        }
    }
}
