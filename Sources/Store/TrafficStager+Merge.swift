import GRDB
import Traffic

/// What merging the staged rows did.
struct MergeOutcome {
    /// (series, step) points inserted or updated.
    var pointsWritten = 0
    var seriesTouched = 0
}

extension TrafficStager {
    /// Writes the staged rows to `traffic_point`: rows in the same step of a series add up, and
    /// each step total meets the stored point by the policy (replace, sum, or under reject:
    /// refuse every row of that step, reported through `rejected`).
    mutating func merge() throws -> MergeOutcome {
        if spill != nil {
            try flush()
            return try mergeSpilled()
        }
        let rows = try settledBatch()
        var outcome = MergeOutcome()
        var writer = try PointWriter(database, policy: options.onDuplicate)
        var index = 0
        while index < rows.count {
            let seriesID = rows[index].series
            guard let series = seriesByID[seriesID] else { break }
            outcome.seriesTouched += 1
            while index < rows.count, rows[index].series == seriesID {
                let bucket = series.step.floor(rows[index].timestamp)
                var total = 0.0
                var end = index
                while end < rows.count, rows[end].series == seriesID, series.step.floor(rows[end].timestamp) == bucket {
                    total += rows[end].value
                    end += 1
                }
                if series.isNew {
                    // Nothing stored can meet a series this ingest created: batch the inserts.
                    try writer.insert(series: seriesID, timestamp: bucket, value: total)
                } else if try writer.upsert(series: seriesID, timestamp: bucket, value: total) {
                    outcome.pointsWritten += 1
                } else {
                    for refused in rows[index..<end] {
                        try refuseStored(series, bucket: bucket, row: refused)
                    }
                }
                index = end
            }
        }
        outcome.pointsWritten += try writer.finish()
        return outcome
    }

    /// The same merge in SQL, over the spill table.
    mutating func mergeSpilled() throws -> MergeOutcome {
        var outcome = MergeOutcome()
        if options.onDuplicate == .reject {
            // Buckets depend on each series' step: check series by series.
            for series in seriesByID.values {
                let step = series.step.seconds
                let refused = try Row.fetchAll(database, sql: """
                    SELECT s.ts, s.value, s.line FROM temp.staging s
                    WHERE s.series_id = ? AND EXISTS (
                        SELECT 1 FROM traffic_point p
                        WHERE p.series_id = s.series_id AND p.ts = s.ts - (((s.ts % ?) + ?) % ?))
                    """, arguments: [series.id, step, step, step])
                for row in refused {
                    let staged = Staged(series: series.id, timestamp: row["ts"], value: row["value"], line: row["line"])
                    try refuseStored(series, bucket: series.step.floor(staged.timestamp), row: staged)
                }
                if !refused.isEmpty {
                    try database.execute(sql: """
                        DELETE FROM temp.staging WHERE series_id = ? AND EXISTS (
                            SELECT 1 FROM traffic_point p
                            WHERE p.series_id = staging.series_id AND p.ts = staging.ts - (((staging.ts % ?) + ?) % ?))
                        """, arguments: [series.id, step, step, step])
                }
            }
        }
        let combine = switch options.onDuplicate {
        case .replace, .reject: "excluded.value"
        case .sum: "traffic_point.value + excluded.value"
        }
        for series in seriesByID.values.sorted(by: { $0.id < $1.id }) {
            let step = series.step.seconds
            try database.execute(sql: """
                INSERT INTO traffic_point (series_id, ts, value)
                SELECT series_id, ts - (((ts % ?) + ?) % ?) AS bucket, SUM(value) FROM temp.staging
                WHERE series_id = ? GROUP BY bucket
                ON CONFLICT (series_id, ts) DO UPDATE SET value = \(combine)
                """, arguments: [step, step, step, series.id])
            let written = database.changesCount
            outcome.pointsWritten += written
            if written > 0 { outcome.seriesTouched += 1 }
        }
        return outcome
    }

    mutating func refuseStored(_ series: Series, bucket: Int64, row: Staged) throws {
        try refuse(row, TrafficProblem(line: row.line, reason:
            "\(series.key) already has a stored point for the step starting \(Timestamp.format(bucket)); "
            + "--on-duplicate reject refuses it (use replace or sum)"))
    }
}
