/// What an ingest does with a second value for the same series and timestamp, whether it comes
/// from the same file or is already stored.
public enum DuplicatePolicy: String, CaseIterable, Sendable, Codable {
    /// The newer value wins: the file's step total replaces the stored one, and a later row of
    /// the file replaces an earlier one. Re-ingesting a file is therefore idempotent.
    case replace
    /// Values add up.
    case sum
    /// Refuse the row (and, without `--skip-invalid`, the file).
    case reject
}
