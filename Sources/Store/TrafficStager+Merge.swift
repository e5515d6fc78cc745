import GRDB
import Traffic

/// What merging the staged rows did.
struct MergeOutcome {
    /// (series, step) points inserted or updated.
    var pointsWritten = 0
    var seriesTouched = 0
}

extension TrafficStager {
    /// Writes the staged rows to `traffic_point` in one pass in (series, timestamp) order: rows
    /// in the same step of a series add up, and each step total meets the stored point by the
    /// policy (replace, sum, or under reject: refuse every row of that step, reported through
    /// `rejected`). The rows come from the sorted in-memory batch or, after a spill, from the
    /// spill table read in key order.
    mutating func merge() throws -> MergeOutcome {
        var writer = try PointWriter(database, policy: options.onDuplicate)
        var outcome = MergeOutcome()
        var bucketRows: [Staged] = []
        var current: (series: Series, bucket: Int64, total: Double)?

        func close() throws {
            guard let open = current else { return }
            guard open.total.isFinite else {
                for refused in bucketRows { try refuseOverflow(open.series, bucket: open.bucket, row: refused, rows: bucketRows) }
                return
            }
            if open.series.isNew {
                // Nothing stored can meet a series this ingest created: batch the inserts.
                try writer.insert(series: open.series.id, timestamp: open.bucket, value: open.total)
            } else if try writer.upsert(series: open.series.id, timestamp: open.bucket, value: open.total) {
                outcome.pointsWritten += 1
            } else if options.onDuplicate == .sum {
                // The only way a sum upsert changes nothing: stored + new would overflow.
                for refused in bucketRows {
                    try refuseOverflow(open.series, bucket: open.bucket, row: refused, rows: bucketRows, stored: true)
                }
            } else {
                for refused in bucketRows { try refuseStored(open.series, bucket: open.bucket, row: refused) }
            }
        }

        var rows = try settledRows()
        bucketRows.reserveCapacity(16)
        while let row = try rows.next() {
            if let open = current, open.series.id == row.series, open.series.step.floor(row.timestamp) == open.bucket {
                current?.total += row.value
                bucketRows.append(row)
                continue
            }
            try close()
            guard let series = seriesByID[row.series] else { continue }
            if current?.series.id != row.series { outcome.seriesTouched += 1 }
            current = (series, series.step.floor(row.timestamp), row.value)
            bucketRows.removeAll(keepingCapacity: true)
            bucketRows.append(row)
        }
        try close()
        outcome.pointsWritten += try writer.finish()
        return outcome
    }

    /// Every staged row, settled and in (series, timestamp) order.
    mutating func settledRows() throws -> SettledRows {
        guard spill != nil else { return .batch(try settledBatch(), next: 0) }
        try flush()
        return .spilled(try Row.fetchCursor(database, sql:
            "SELECT series_id, ts, value, line FROM temp.staging ORDER BY series_id, ts"))
    }

    /// Where settled rows come from: the sorted batch, or the spill table in key order.
    enum SettledRows {
        case batch([Staged], next: Int)
        case spilled(RowCursor)

        mutating func next() throws -> Staged? {
            switch self {
            case .batch(let rows, let index):
                guard index < rows.count else { return nil }
                self = .batch(rows, next: index + 1)  // shares the array's storage: no copy
                return rows[index]
            case .spilled(let cursor):
                guard let row = try cursor.next() else { return nil }
                return Staged(series: row[0], timestamp: row[1], value: row[2], line: row[3])
            }
        }
    }

    /// Refuses a row of a step whose total is not a finite number (rows of 1e308 that add up
    /// past the largest double, or, with `stored`, the stored point plus the new total under
    /// `sum`): nothing of that step is stored.
    mutating func refuseOverflow(_ series: Series, bucket: Int64, row: Staged, rows: [Staged], stored: Bool = false) throws {
        let lines = rows.map { String($0.line) }
        let which = lines.count == 1 ? "line \(lines[0])" : "lines " + lines.prefix(10).joined(separator: ", ")
            + (lines.count > 10 ? " and \(lines.count - 10) more" : "")
        try refuse(row, TrafficProblem(line: row.line, reason:
            "\(series.key): the step starting \(Timestamp.format(bucket)) would hold more than the largest storable "
            + "value (\(Double.greatestFiniteMagnitude)): "
            + (stored ? "the stored point plus \(which) under --on-duplicate sum" : "\(which) add up past it")
            + "; nothing of that step is stored"))
    }

    mutating func refuseStored(_ series: Series, bucket: Int64, row: Staged) throws {
        try refuse(row, TrafficProblem(line: row.line, reason:
            "\(series.key) already has a stored point for the step starting \(Timestamp.format(bucket)); "
            + "--on-duplicate reject refuses it (use replace or sum)"))
    }
}
