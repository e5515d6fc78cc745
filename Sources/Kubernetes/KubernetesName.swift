/// Kubernetes object names and namespaces: DNS-1123 labels (lowercase letters, digits and `-`,
/// starting and ending with a letter or digit, at most 63 characters).
public enum KubernetesName {
    /// Why `value` is not a DNS-1123 label; nil when it is one.
    public static func problem(_ value: String) -> String? {
        guard !value.isEmpty else { return "is empty" }
        guard value.utf8.count <= 63 else { return "'\(value)' is longer than 63 characters" }
        let allowed = value.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        guard allowed, value.first != "-", value.last != "-" else {
            return "'\(value)' is not a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)"
        }
        return nil
    }

    /// Why `value` cannot be a label value (at most 63 of `A-Z a-z 0-9 . _ -`, starting and ending
    /// with a letter or digit); nil when it can.
    public static func labelProblem(_ value: String) -> String? {
        guard value.utf8.count <= 63 else { return "is longer than 63 characters" }
        let alphanumeric = { (c: UInt8) in (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) }
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last, alphanumeric(first), alphanumeric(last),
              bytes.allSatisfy({ alphanumeric($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D })
        else { return "is not made of letters, digits, '.', '_' and '-' (starting and ending with a letter or digit)" }
        return nil
    }

    /// `pattern` with `{model}` and `{region}` replaced.
    public static func expand(_ pattern: String, model: String, region: String) -> String {
        pattern.replacing("{model}", with: model).replacing("{region}", with: region)
    }
}
