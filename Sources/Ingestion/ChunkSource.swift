import Foundation

/// Where an ingest's bytes come from: a file (or standard input), inflated on the fly when it is
/// gzip, or bytes already in memory. Each chunk carries the bytes as read (hashed for the ingest
/// log) and the CSV text they decode to; either may be empty.
///
/// One owner at a time: made by the caller, then used only by the ingest's reading thread
/// (hence `@unchecked Sendable`).
final class ChunkSource: @unchecked Sendable {
    private enum Origin {
        case file(FileHandle)
        /// Bytes in memory and how far they are handed out; chunks are copied one at a time so
        /// the input is never held twice.
        case memory([UInt8], offset: Int)
    }

    let name: String
    private var origin: Origin
    private let chunkSize: Int
    private var first = true
    private var gzip: GzipDecoder?
    private var ended = false
    private var unhashed = Data()  // compressed bytes read but not yet handed on for hashing

    init(file handle: FileHandle, name: String, chunkSize: Int) {
        self.name = name
        self.origin = .file(handle)
        self.chunkSize = chunkSize
    }

    init(bytes: [UInt8], name: String, chunkSize: Int) {
        self.name = name
        self.origin = .memory(bytes, offset: 0)
        self.chunkSize = chunkSize
    }

    /// The next chunk, or nil at the end.
    /// - Throws: ``IngestError/unreadable(source:reason:)`` on a read error or bad gzip data.
    func next() throws -> (raw: Data, text: Data)? {
        if case .memory(let bytes, let offset) = origin {
            guard offset < bytes.count else {
                origin = .memory([], offset: 0)  // let go of the input as soon as it is read
                return nil
            }
            let end = min(bytes.count, offset + chunkSize)
            let chunk = bytes.withUnsafeBufferPointer { Data(buffer: UnsafeBufferPointer(rebasing: $0[offset..<end])) }
            origin = .memory(bytes, offset: end)
            return (chunk, chunk)
        }
        if first {
            first = false
            guard let data = try read() else { return nil }
            guard data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else {
                return (data, data)
            }
            do { gzip = try GzipDecoder() } catch { throw IngestError.unreadable(source: name, reason: "\(error)") }
            gzip?.feed(data)
            unhashed = data
        }
        guard let gzip else { return try read().map { ($0, $0) } }
        do {
            while true {
                if let text = try gzip.next() {
                    defer { unhashed = Data() }
                    return (unhashed, text)
                }
                if ended {
                    try gzip.finish()
                    return nil
                }
                guard let more = try read() else {
                    ended = true
                    continue
                }
                gzip.feed(more)
                unhashed.append(more)
            }
        } catch let error as GzipError {
            throw IngestError.unreadable(source: name, reason: error.description)
        }
    }

    private func read() throws -> Data? {
        guard case .file(let handle) = origin else { return nil }
        do {
            return try handle.read(upToCount: chunkSize).flatMap { $0.isEmpty ? nil : $0 }
        } catch {
            throw IngestError.unreadable(source: name, reason: "read failed: \(error.localizedDescription)")
        }
    }
}
