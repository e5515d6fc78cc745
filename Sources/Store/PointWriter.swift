import GRDB

/// Writes (series, step start, value) points to `traffic_point`: new points in multi-row
/// `INSERT` statements of ``rowsPerInsert`` rows (one statement step per 64 points rather than
/// per point), and points that may meet a stored one through a single-row upsert that applies
/// the duplicate policy.
struct PointWriter {
    static let rowsPerInsert = 64

    let insertMany: RawStatement
    let insertOne: RawStatement
    let upsertOne: RawStatement
    var pending: [(series: Int64, timestamp: Int64, value: Double)] = []
    var inserted = 0

    init(_ database: Database, policy: DuplicatePolicy) throws {
        let values = Array(repeating: "(?, ?, ?)", count: Self.rowsPerInsert).joined(separator: ", ")
        insertMany = try RawStatement(database, sql: "INSERT INTO traffic_point (series_id, ts, value) VALUES \(values)")
        insertOne = try RawStatement(database, sql: "INSERT INTO traffic_point (series_id, ts, value) VALUES (?, ?, ?)")
        let combine = switch policy {
        case .replace: "DO UPDATE SET value = excluded.value"
        // A sum that would overflow to infinity changes nothing; the stager refuses its rows.
        case .sum: "DO UPDATE SET value = traffic_point.value + excluded.value "
            + "WHERE traffic_point.value + excluded.value <= 1.7976931348623157e308"
        case .reject: "DO NOTHING"
        }
        upsertOne = try RawStatement(database, sql: """
            INSERT INTO traffic_point (series_id, ts, value) VALUES (?, ?, ?) ON CONFLICT (series_id, ts) \(combine)
            """)
        pending.reserveCapacity(Self.rowsPerInsert)
    }

    /// Queues a point that cannot conflict with a stored one.
    mutating func insert(series: Int64, timestamp: Int64, value: Double) throws {
        pending.append((series, timestamp, value))
        guard pending.count == Self.rowsPerInsert else { return }
        for (offset, point) in pending.enumerated() {
            let base = Int32(offset * 3)
            insertMany.bind(base + 1, point.series)
            insertMany.bind(base + 2, point.timestamp)
            insertMany.bind(base + 3, point.value)
        }
        inserted += try insertMany.run()
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes a point that may meet a stored one.
    /// - Returns: false when the stored point was left alone: by `reject`, or by `sum` when the
    ///   total would not be finite.
    mutating func upsert(series: Int64, timestamp: Int64, value: Double) throws -> Bool {
        upsertOne.bind(1, series)
        upsertOne.bind(2, timestamp)
        upsertOne.bind(3, value)
        return try upsertOne.run() == 1
    }

    /// Writes the queued points.
    /// - Returns: how many points ``insert(series:timestamp:value:)`` wrote in all.
    mutating func finish() throws -> Int {
        for point in pending {
            insertOne.bind(1, point.series)
            insertOne.bind(2, point.timestamp)
            insertOne.bind(3, point.value)
            inserted += try insertOne.run()
        }
        pending.removeAll()
        return inserted
    }
}
