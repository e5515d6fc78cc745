internal import CZlib
import Foundation

/// Inflates gzip data as it is read, in bounded pieces, so a compressed traffic file streams
/// like a plain one whatever its compression ratio. Concatenated gzip members are read one
/// after the other, as `gunzip` does.
final class GzipDecoder {
    /// Largest piece of decompressed output returned at once.
    static let outputSize = 1 << 22
    private var stream = z_stream()
    private var input = Data()
    private var inputOffset = 0
    private var memberOpen = true
    /// Compressed bytes consumed so far, for error messages.
    private(set) var consumed = 0

    init() throws(GzipError) {
        guard headroom_inflate_init_gzip(&stream) == Z_OK else { throw GzipError("zlib could not start") }
    }

    deinit { inflateEnd(&stream) }

    /// Adds compressed bytes.
    func feed(_ data: Data) {
        if inputOffset >= input.count {
            input = data
        } else {
            input = input.subdata(in: input.startIndex + inputOffset..<input.endIndex) + data
        }
        inputOffset = 0
    }

    /// The next piece of decompressed bytes from what was fed, or nil when it needs more input.
    func next() throws(GzipError) -> Data? {
        guard inputOffset < input.count else { return nil }
        var output = Data(count: Self.outputSize)
        var produced = 0
        var code = Z_OK
        let available = input.count - inputOffset
        input.withUnsafeMutableBytes { (source: UnsafeMutableRawBufferPointer) in
            output.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) in
                stream.next_in = source.baseAddress!.advanced(by: inputOffset).assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(available)
                stream.next_out = target.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(target.count)
                code = inflate(&stream, Z_NO_FLUSH)
                produced = target.count - Int(stream.avail_out)
            }
        }
        let used = available - Int(stream.avail_in)
        inputOffset += used
        consumed += used
        switch code {
        case Z_OK, Z_BUF_ERROR:
            memberOpen = true
        case Z_STREAM_END:
            memberOpen = false
            inflateReset(&stream)  // a further member may follow
        default:
            throw GzipError("the gzip data is corrupt near compressed byte \(consumed)")
        }
        output.count = produced
        if produced == 0, used == 0 { return nil }
        return output
    }

    /// Checks that the stream ended at the end of a gzip member.
    func finish() throws(GzipError) {
        if memberOpen, consumed > 0 {
            throw GzipError("the gzip stream ends early (after \(consumed) compressed bytes); is the file truncated?")
        }
    }
}

/// A problem with gzip input.
struct GzipError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
