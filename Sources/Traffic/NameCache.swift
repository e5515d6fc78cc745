/// Validates model and region names and remembers the last one of each, so that a file whose
/// consecutive rows repeat a name builds its `String` once rather than once per row.
///
/// A name is 1 to ``TrafficCSVReader/maximumNameBytes`` bytes of valid UTF-8 without control
/// characters.
struct NameCache {
    var lastModel: (bytes: [UInt8], name: String) = ([], "")
    var lastRegion: (bytes: [UInt8], name: String) = ([], "")

    mutating func model(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, NameError> {
        Self.cached(bytes, in: &lastModel)
    }

    mutating func region(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, NameError> {
        Self.cached(bytes, in: &lastRegion)
    }

    static func cached(
        _ bytes: UnsafeBufferPointer<UInt8>, in last: inout (bytes: [UInt8], name: String)
    ) -> Result<String, NameError> {
        if !last.bytes.isEmpty, last.bytes.elementsEqual(bytes) { return .success(last.name) }
        let result = validate(bytes)
        if case .success(let name) = result { last = (Array(bytes), name) }
        return result
    }

    static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, NameError> {
        guard !bytes.isEmpty else { return .failure(NameError("is empty")) }
        guard bytes.count <= TrafficCSVReader.maximumNameBytes else {
            return .failure(NameError("is longer than \(TrafficCSVReader.maximumNameBytes) bytes"))
        }
        var ascii = true
        for byte in bytes {
            if byte < 0x20 || byte == 0x7F {
                return .failure(NameError("contains a control character (byte 0x\(String(byte, radix: 16)))"))
            }
            if byte >= 0x80 { ascii = false }
        }
        if ascii { return .success(String(decoding: bytes, as: UTF8.self)) }
        guard let name = String(validating: bytes, as: UTF8.self) else {
            return .failure(NameError("is not valid UTF-8"))
        }
        return .success(name)
    }

    struct NameError: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
