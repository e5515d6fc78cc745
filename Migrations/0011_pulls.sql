-- Pulls from traffic sources (docs/SOURCES.md): every `headroom pull` or pull job run is a
-- `pull_run`, succeeded or failed; a pull that stored samples names its ingest. `pull_watermark`
-- holds, per source and query, the last evaluation time pulled: the next pull starts one step
-- after it. Both are written in the pull's ingest transaction, so a pull killed before its commit
-- leaves neither and the next one asks again.

CREATE TABLE pull_run (
    id              INTEGER PRIMARY KEY,
    source          TEXT    NOT NULL,                        -- 'prometheus <base URL>'
    started_at      TEXT    NOT NULL,                        -- RFC 3339, UTC
    finished_at     TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('succeeded', 'failed')),
    ingest_id       INTEGER REFERENCES ingest_log(id),       -- NULL when nothing was stored
    samples         INTEGER NOT NULL CHECK (samples >= 0),   -- samples stored
    gaps            INTEGER NOT NULL CHECK (gaps >= 0),      -- NaN, infinite or negative samples
    series_skipped  INTEGER NOT NULL CHECK (series_skipped >= 0),  -- answer series of unserved models or regions
    error           TEXT                                     -- why a failed pull failed
);

CREATE INDEX pull_run_source ON pull_run (source, id);

CREATE TABLE pull_watermark (
    source        TEXT    NOT NULL,
    query         TEXT    NOT NULL,                          -- the PromQL text as configured
    evaluated_to  INTEGER NOT NULL,                          -- Unix seconds, a multiple of the step
    PRIMARY KEY (source, query)
);
