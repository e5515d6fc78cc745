-- Traffic history: one row per series, one row per (series, step) point, and a log of ingests.
-- Append-only: a shipped migration is never edited; later changes go in a new numbered file.

-- A series is one metric of one model in one region at a fixed step.
CREATE TABLE series (
    id            INTEGER PRIMARY KEY,
    model         TEXT    NOT NULL,
    region        TEXT    NOT NULL,
    metric        TEXT    NOT NULL CHECK (metric IN ('requests', 'input_tokens', 'output_tokens')),
    unit          TEXT    NOT NULL,                                 -- 'requests' or 'tokens'
    step_seconds  INTEGER NOT NULL CHECK (step_seconds > 0),
    aggregation   TEXT    NOT NULL DEFAULT 'sum' CHECK (aggregation IN ('sum')),
    created_at    TEXT    NOT NULL,                                 -- RFC 3339, UTC
    UNIQUE (model, region, metric)
);

-- One point per series and step. `ts` is the start of the step in Unix seconds (UTC) and is
-- always a multiple of the series' step; `value` is the count over that step.
CREATE TABLE traffic_point (
    series_id  INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    ts         INTEGER NOT NULL,
    value      REAL    NOT NULL CHECK (value >= 0),
    PRIMARY KEY (series_id, ts)
) WITHOUT ROWID;

-- Every ingest that stored something: which file (by name and content hash), what came of it.
CREATE TABLE ingest_log (
    id              INTEGER PRIMARY KEY,
    source          TEXT    NOT NULL,                               -- file name, or 'demo', or 'api'
    sha256          TEXT    NOT NULL,                               -- hex digest of the bytes read
    on_duplicate    TEXT    NOT NULL CHECK (on_duplicate IN ('replace', 'sum', 'reject')),
    rows_accepted   INTEGER NOT NULL CHECK (rows_accepted >= 0),
    rows_rejected   INTEGER NOT NULL CHECK (rows_rejected >= 0),
    points_written  INTEGER NOT NULL CHECK (points_written >= 0),   -- (series, step) points inserted or updated
    started_at      TEXT    NOT NULL,
    finished_at     TEXT    NOT NULL
);
