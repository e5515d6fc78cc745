import GRDB

extension AppDatabase {
    /// A message for people from an error a job or the store threw, to record with a failed run:
    /// the error's own description, except that SQLite errors give their code and message and
    /// never the statement or its arguments.
    public static func message(for error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "database error \(error.resultCode.primaryResultCode.rawValue): \(error.message ?? "no message")"
        }
        return String(describing: error)
    }
}
