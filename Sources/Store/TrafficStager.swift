import GRDB
public import Traffic

/// Stages the rows of one ingest inside its transaction.
///
/// Rows go to a TEMP table keyed by (series, step start, exact timestamp), where duplicates of
/// the same series and timestamp within the file meet the ``DuplicatePolicy``. Nothing reaches
/// `traffic_point` until ``AppDatabase/ingestTraffic(options:rejected:read:)`` merges the
/// staged rows onto the series' grid, so a rejected file leaves no trace.
public struct TrafficStager {
    let database: Database
    let options: IngestOptions
    let insert: RawStatement
    let findLine: RawStatement
    var series: [SeriesKey: Result<(id: Int64, step: Step), TrafficProblem>] = [:]
    /// Rows staged (counting a replaced or summed duplicate as staged).
    var rowsStaged = 0
    var seriesCreated = 0

    init(database: Database, options: IngestOptions) throws {
        self.database = database
        self.options = options
        try database.execute(sql: """
            CREATE TEMP TABLE staging (
                series_id INTEGER NOT NULL, bucket INTEGER NOT NULL, ts INTEGER NOT NULL,
                value REAL NOT NULL, line INTEGER NOT NULL,
                PRIMARY KEY (series_id, bucket, ts)) WITHOUT ROWID
            """)
        let conflict = switch options.onDuplicate {
        case .replace: "DO UPDATE SET value = excluded.value, line = excluded.line"
        case .sum: "DO UPDATE SET value = value + excluded.value, line = excluded.line"
        case .reject: "DO NOTHING"
        }
        insert = try RawStatement(database, sql: """
            INSERT INTO temp.staging (series_id, bucket, ts, value, line) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (series_id, bucket, ts) \(conflict)
            """)
        findLine = try RawStatement(database, sql:
            "SELECT line FROM temp.staging WHERE series_id = ? AND bucket = ? AND ts = ?")
    }

    /// Stages one valid row.
    /// - Returns: nil when staged, or why the store refuses it (its series is stored at another
    ///   step, or it duplicates an earlier row under `reject`).
    public mutating func stage(_ row: TrafficRow) throws -> TrafficProblem? {
        let resolved: (id: Int64, step: Step)
        switch try series(for: row) {
        case .success(let found): resolved = found
        case .failure(let problem): return TrafficProblem(line: row.line, reason: problem.reason)
        }
        let bucket = resolved.step.floor(row.timestamp)
        insert.bind(1, resolved.id)
        insert.bind(2, bucket)
        insert.bind(3, row.timestamp)
        insert.bind(4, row.value)
        insert.bind(5, row.line)
        if try insert.run() == 0 {
            findLine.bind(1, resolved.id)
            findLine.bind(2, bucket)
            findLine.bind(3, row.timestamp)
            let earlier = try findLine.firstInt().map { "line \($0)" } ?? "an earlier row"
            return TrafficProblem(
                line: row.line,
                reason: "duplicate of \(earlier) (same model, region, metric and timestamp); "
                    + "--on-duplicate reject refuses it (use replace or sum)")
        }
        rowsStaged += 1
        return nil
    }

    /// The series id and step for a row's key, creating the series when it is new.
    mutating func series(for row: TrafficRow) throws -> Result<(id: Int64, step: Step), TrafficProblem> {
        if let known = series[row.key] { return known }
        let resolved: Result<(id: Int64, step: Step), TrafficProblem>
        let stored = try Row.fetchOne(database, sql: """
            SELECT id, step_seconds FROM series WHERE model = ? AND region = ? AND metric = ?
            """, arguments: [row.key.model, row.key.region, row.key.metric.rawValue])
        if let stored, let step = Step(seconds: stored["step_seconds"]) {
            if let wanted = options.step, wanted != step {
                resolved = .failure(TrafficProblem(line: row.line, reason:
                    "series \(row.key) is stored at a \(step) step, not \(wanted); "
                    + "ingest it with --step \(step) (or without --step)"))
            } else {
                resolved = .success((stored["id"], step))
            }
        } else {
            let step = options.step ?? IngestOptions.defaultStep
            try database.execute(sql: """
                INSERT INTO series (model, region, metric, unit, step_seconds, aggregation, created_at)
                VALUES (?, ?, ?, ?, ?, 'sum', ?)
                """, arguments: [row.key.model, row.key.region, row.key.metric.rawValue,
                                 row.key.metric.unit, step.seconds, AppDatabase.now()])
            seriesCreated += 1
            resolved = .success((database.lastInsertedRowID, step))
        }
        series[row.key] = resolved
        return resolved
    }
}
