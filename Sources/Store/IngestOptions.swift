public import Traffic

/// How one ingest stores its rows.
public struct IngestOptions: Sendable {
    /// The step of new series; when set, existing series must already have it. When nil, an
    /// existing series keeps its step and a new one gets ``defaultStep``.
    public var step: Step?
    public var onDuplicate: DuplicatePolicy
    /// Store the valid rows even when some are rejected (otherwise any rejected row, including
    /// a duplicate under `reject`, rolls the whole ingest back).
    public var skipInvalid: Bool
    /// Where the rows came from, for the ingest log: a file name, `demo` or `api`.
    public var source: String
    /// Distinct (series, timestamp) keys staged in memory before they spill to SQLite's
    /// temporary file; bounds the memory of an ingest whatever its size.
    public var stagingCapacity = TrafficStager.capacity
    /// The pull these rows came from, if any: recorded (with its watermarks and the samples
    /// this ingest accepted) in the ingest's own transaction, so both commit or neither.
    public var pull: PullRecord?

    /// Five minutes, the step of a series created without `--step`.
    public static let defaultStep = Step(seconds: 300)!

    public init(step: Step? = nil, onDuplicate: DuplicatePolicy = .replace, skipInvalid: Bool = false, source: String) {
        self.step = step
        self.onDuplicate = onDuplicate
        self.skipInvalid = skipInvalid
        self.source = source
    }
}

/// What the reading side tells the store once it has staged every row.
public struct IngestSource: Sendable {
    /// SHA-256 of the bytes read, as 64 hex digits.
    public var sha256: String
    /// Rows rejected before they reached the store (by the reader, or refused by
    /// ``TrafficStager/stage(_:)``); the store adds the ones it refuses later.
    public var rowsRejected: Int

    public init(sha256: String, rowsRejected: Int) {
        self.sha256 = sha256
        self.rowsRejected = rowsRejected
    }
}

/// The outcome of a committed ingest, as recorded in the ingest log.
public struct IngestSummary: Sendable, Equatable {
    /// The ingest log id.
    public var id: Int64
    public var rowsAccepted: Int
    public var rowsRejected: Int
    /// (series, step) points inserted or updated.
    public var pointsWritten: Int
    /// Series that received points.
    public var seriesTouched: Int
    /// Series created by this ingest.
    public var seriesCreated: Int
    /// Rejected rows left out of the rejects file because it reached its cap (they are counted
    /// in ``rowsRejected``).
    public var rejectsNotListed = 0
}

/// The ingest stored nothing because rows were rejected and `skipInvalid` was off.
public struct IngestRejected: Error, Equatable {
    public var rowsRejected: Int
    public init(rowsRejected: Int) { self.rowsRejected = rowsRejected }
}
