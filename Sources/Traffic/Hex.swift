/// Bytes as lowercase hexadecimal: the one spelling of digests (SHA-256 of ingested files,
/// configurations and tokens; ETags).
public enum Hex {
    /// Two lowercase hexadecimal digits per byte, in order: 32 bytes give 64 characters.
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
