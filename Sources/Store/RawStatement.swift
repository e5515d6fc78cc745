import GRDB
internal import GRDBSQLite

/// A cached GRDB statement driven through SQLite's C binding calls, for the ingest hot path:
/// no `StatementArguments` array per row.
struct RawStatement {
    let statement: Statement
    let database: Database

    init(_ database: Database, sql: String) throws {
        self.database = database
        self.statement = try database.cachedStatement(sql: sql)
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(statement.sqliteStatement, index, value) }
    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(statement.sqliteStatement, index, value) }
    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(statement.sqliteStatement, index, Int64(value)) }

    /// Runs the statement to completion and resets it.
    /// - Returns: rows changed by it (`sqlite3_changes`).
    @discardableResult
    func run() throws -> Int {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: database.lastErrorMessage, sql: statement.sql)
        }
        return Int(sqlite3_changes(database.sqliteConnection))
    }

    /// Runs a one-row query and returns its first column as an integer, or nil for no row.
    func firstInt() throws -> Int64? {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return sqlite3_column_int64(handle, 0) }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: database.lastErrorMessage, sql: statement.sql)
        }
        return nil
    }
}
