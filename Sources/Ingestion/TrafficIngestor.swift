import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
    /// The most a rejects file holds, in bytes (64 MiB); rows past it are counted in its last row.
    public var rejectsLimit = RejectsWriter.maximumBytes

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
            handle = try Self.open(path)
        }
        defer { if path != "-" { try? handle.close() } }
        let source = ChunkSource(file: handle, name: path, chunkSize: chunkSize)
        return try ingest(source, options: options, rejectsPath: rejectsPath)
    }

    /// Opens `path` for reading, or says why not in the system's words (no such file, a
    /// symbolic link loop, permission denied, a directory).
    static func open(_ path: String) throws -> FileHandle {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            let reason = switch code {
            case ENOENT: "no such file"
            case ELOOP: "too many levels of symbolic links (a symbolic link loop?)"
            case EACCES: "permission denied"
            default: String(cString: strerror(code))
            }
            throw IngestError.unreadable(source: path, reason: reason)
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw IngestError.unreadable(source: path, reason: "is a directory, not a file")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Ingests CSV bytes already in memory (a request body), under the same rules as a file.
    public func ingest(bytes: [UInt8], options: IngestOptions) throws -> IngestSummary {
        try ingest(ChunkSource(bytes: bytes, name: options.source, chunkSize: chunkSize), options: options, rejectsPath: nil)
    }

    /// Ingests rows read elsewhere (a JSON body, read by ``TrafficCSVReader/row(_:line:)``
    /// under the same rules), in one transaction like a file; `sha256` is the digest of the
    /// bytes they came from, for the ingest log.
    public func ingest(records: [TrafficRecord], sha256: String, options: IngestOptions) throws -> IngestSummary {
        var batches = [records][...]
        return try ingest(name: options.source, options: options, rejectsPath: nil,
                          next: { batches.popFirst() }, sha256: { sha256 })
    }

    /// A file or bytes. A reading thread reads, hashes and parses the input into batches of
    /// records while this thread, inside the transaction, stages them: the two cores split the
    /// work, and the bounded ``RecordChannel`` keeps memory flat.
    func ingest(_ source: ChunkSource, options: IngestOptions, rejectsPath: String?) throws -> IngestSummary {
        let channel = RecordChannel()
        Thread { Self.read(source, into: channel) }.start()
        defer { channel.cancelAndWait() }
        return try ingest(name: source.name, options: options, rejectsPath: rejectsPath,
                          next: { channel.take() }, sha256: { try channel.outcome() })
    }

    /// The shared path: stages the records `next` hands over, batch by batch, in one
    /// transaction, and logs the ingest with `sha256()` (asked once all records are staged).
    func ingest(name: String, options: IngestOptions, rejectsPath: String?,
                next: () throws -> [TrafficRecord]?, sha256: () throws -> String) throws -> IngestSummary {
        var problems = ProblemLog()
        var rowsRejected = 0  // by the reader or at staging; the store counts its own refusals
        let rejects = try options.skipInvalid ? rejectsPath.map { try RejectsWriter(path: $0, maximumBytes: rejectsLimit) } : nil
        defer { try? rejects?.close() }
        func reject(_ problem: TrafficProblem, _ text: String) throws {
            problems.record(problem)
            try rejects?.write(problem, text: text)
        }
        do {
            var summary = try database.ingestTraffic(options: options, rejected: reject) { stager in
                let staging = !options.skipInvalid
                while let batch = try next() {
                    for record in batch {
                        switch record {
                        case .row(let row):
                            // Once the file is lost, keep reading only to count its problems.
                            guard problems.total == 0 || !staging else { continue }
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
                }
                let digest = try sha256()
                if problems.isFatal {
                    throw IngestRejected(rowsRejected: problems.total)
                }
                return IngestSource(sha256: digest, rowsRejected: rowsRejected)
            }
            summary.rejectsNotListed = rejects?.omitted ?? 0
            return summary
        } catch is IngestRejected {
            throw IngestError.rejected(source: name, problems: problems.sorted, total: problems.total)
        }
    }

    /// The reading thread: chunks, SHA-256 and CSV records, handed over in batches.
    static func read(_ source: ChunkSource, into channel: RecordChannel) {
        var reader = TrafficCSVReader()
        var hasher = SHA256()
        var batch: [TrafficRecord] = []
        batch.reserveCapacity(RecordChannel.batchSize)
        var open = true
        func collect(_ record: TrafficRecord) {
            batch.append(record)
            if batch.count >= RecordChannel.batchSize {
                open = open && channel.put(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        do {
            while open, let chunk = try source.next() {
                hasher.update(data: chunk.raw)
                chunk.text.withUnsafeBytes { reader.consume($0, collect) }
                if reader.isStopped { break }
            }
            if open {
                reader.finish(collect)
                if !batch.isEmpty { _ = channel.put(batch) }
            }
            channel.finish(.success(Hex.lowercase(hasher.finalize())))
        } catch {
            channel.finish(.failure(error))
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
            return IngestSource(sha256: Hex.lowercase(SHA256.hash(data: Data(parameters.utf8))), rowsRejected: 0)
        }
    }
}
