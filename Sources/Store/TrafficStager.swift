import GRDB
public import Traffic

/// Stages the rows of one ingest inside its transaction, then merges them onto the series'
/// grids in one sorted pass.
///
/// Rows are appended in file order to an in-memory batch, which is sorted by (series,
/// timestamp, line) when it is merged: rows with the same series and timestamp then sit side by
/// side, in file order, and meet the ``DuplicatePolicy`` there (no hashing per row). Past
/// ``capacity`` rows the batch spills, sorted, to a TEMP table keyed by (series, timestamp)
/// (``SpillTable``), so memory stays bounded whatever the file size. Nothing reaches
/// `traffic_point` before ``merge()``, and the whole ingest is one transaction, so a rejected
/// file leaves no trace.
public struct TrafficStager {
    struct Staged: Comparable {
        var series: Int64
        var timestamp: Int64
        var value: Double
        var line: Int

        static func < (a: Staged, b: Staged) -> Bool {
            if a.series != b.series { return a.series < b.series }
            if a.timestamp != b.timestamp { return a.timestamp < b.timestamp }
            return a.line < b.line
        }

        static func == (a: Staged, b: Staged) -> Bool { a.line == b.line && a.series == b.series }
    }

    struct Series {
        var id: Int64
        var key: SeriesKey
        var step: Step
        /// Created by this ingest: nothing stored can conflict with it.
        var isNew: Bool
    }

    /// Rows held in memory before spilling: 2^21 (32 bytes each, 64 MiB).
    public static let capacity = 1 << 21

    let database: Database
    let options: IngestOptions
    let capacity: Int
    /// Reports a row the store refuses after staging it: a duplicate under `reject`.
    let rejected: (TrafficProblem, String) throws -> Void
    var seriesByKey: [SeriesKey: Result<Series, TrafficProblem>] = [:]
    var seriesByID: [Int64: Series] = [:]
    /// The few series seen last, most recent first: files interleave a handful of series.
    var recent: [Series] = []
    var batch: [Staged] = []
    var spill: SpillTable?
    /// Rows staged and not refused since (a replaced or summed duplicate counts as staged).
    var rowsStaged = 0
    /// Rows staged and then refused, each reported through `rejected`.
    var rowsRefused = 0
    var seriesCreated = 0

    init(database: Database, options: IngestOptions, capacity: Int = Self.capacity,
         rejected: @escaping (TrafficProblem, String) throws -> Void) {
        self.database = database
        self.options = options
        self.capacity = max(1, capacity)
        self.rejected = rejected
    }

    /// Stages one valid row.
    /// - Returns: nil when staged, or why the store refuses it (its series is stored at another
    ///   step). Duplicates under `reject` are reported when the batch is sorted.
    public mutating func stage(_ row: TrafficRow) throws -> TrafficProblem? {
        let series: Series
        if let index = recent.firstIndex(where: { $0.key == row.key }) {
            series = recent[index]
        } else {
            switch try resolve(row) {
            case .success(let found): series = found
            case .failure(let problem): return TrafficProblem(line: row.line, reason: problem.reason)
            }
            if recent.count == 8 { recent.removeLast() }
            recent.insert(series, at: 0)
        }
        batch.append(Staged(series: series.id, timestamp: row.timestamp, value: row.value, line: row.line))
        rowsStaged += 1
        if batch.count >= capacity { try flush() }
        return nil
    }

    /// Sorts the batch and settles duplicates within it: under `replace` the last row of a
    /// (series, timestamp) wins, under `sum` they add up, under `reject` every later one is
    /// reported and dropped.
    mutating func settledBatch() throws -> [Staged] {
        batch.sort()
        var settled: [Staged] = []
        settled.reserveCapacity(batch.count)
        for row in batch {
            guard let last = settled.last, last.series == row.series, last.timestamp == row.timestamp else {
                settled.append(row)
                continue
            }
            switch options.onDuplicate {
            case .replace: settled[settled.count - 1] = row
            case .sum: settled[settled.count - 1].value += row.value; settled[settled.count - 1].line = row.line
            case .reject:
                try refuse(row, Self.duplicate(row.line, of: last.line))
            }
        }
        batch.removeAll(keepingCapacity: true)
        return settled
    }

    static func duplicate(_ line: Int, of earlier: Int) -> TrafficProblem {
        TrafficProblem(line: line, reason: "duplicate of line \(earlier) (same model, region, metric and timestamp); "
            + "--on-duplicate reject refuses it (use replace or sum)")
    }

    /// Moves the batch, sorted and settled, to the spill table.
    mutating func flush() throws {
        if spill == nil { spill = try SpillTable(database, policy: options.onDuplicate) }
        let settled = try settledBatch()
        guard let spill else { return }
        for row in settled {
            if let earlier = try spill.append(row) {
                try refuse(row, Self.duplicate(row.line, of: earlier))
            }
        }
    }

    /// Takes back a staged row and reports why.
    mutating func refuse(_ row: Staged, _ problem: TrafficProblem) throws {
        rowsStaged -= 1
        rowsRefused += 1
        try rejected(problem, text(of: row))
    }

    /// A staged row as a line of the ingestion format, for rejects files.
    func text(of row: Staged) -> String {
        let key = seriesByID[row.series]?.key
        return "\(Timestamp.format(row.timestamp)),\(key?.model ?? ""),\(key?.region ?? ""),"
            + "\(key?.metric.rawValue ?? ""),\(row.value)"
    }

    /// The series for a row's key, creating it when it is new.
    mutating func resolve(_ row: TrafficRow) throws -> Result<Series, TrafficProblem> {
        if let known = seriesByKey[row.key] { return known }
        let resolved: Result<Series, TrafficProblem>
        let stored = try Row.fetchOne(database, sql: """
            SELECT id, step_seconds FROM series WHERE model = ? AND region = ? AND metric = ?
            """, arguments: [row.key.model, row.key.region, row.key.metric.rawValue])
        if let stored, let step = Step(seconds: stored["step_seconds"]) {
            if let wanted = options.step, wanted != step {
                resolved = .failure(TrafficProblem(line: row.line, reason:
                    "series \(row.key) is stored at a \(step) step, not \(wanted); "
                    + "ingest it with --step \(step) (or without --step)"))
            } else {
                resolved = .success(Series(id: stored["id"], key: row.key, step: step, isNew: false))
            }
        } else {
            let step = options.step ?? IngestOptions.defaultStep
            try database.execute(sql: """
                INSERT INTO series (model, region, metric, unit, step_seconds, aggregation, created_at)
                VALUES (?, ?, ?, ?, ?, 'sum', ?)
                """, arguments: [row.key.model, row.key.region, row.key.metric.rawValue,
                                 row.key.metric.unit, step.seconds, AppDatabase.now()])
            seriesCreated += 1
            resolved = .success(Series(id: database.lastInsertedRowID, key: row.key, step: step, isNew: true))
        }
        if case .success(let series) = resolved { seriesByID[series.id] = series }
        seriesByKey[row.key] = resolved
        return resolved
    }
}
