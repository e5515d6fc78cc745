-- Job kinds are registered in Swift (Sources/Jobs/JobCatalog.swift), and a run of a kind not
-- registered there is refused before anything is recorded. So that adding a job does not
-- need a migration, job_run is rebuilt without 0006's CHECK on kind (a name of 1 to 64
-- characters is all the schema asks now); every other column, constraint, index and row stays.

CREATE TABLE job_run_new (
    id                INTEGER PRIMARY KEY,
    kind              TEXT    NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    triggered_by      TEXT    NOT NULL CHECK (triggered_by IN ('schedule', 'catch-up', 'api', 'cli')),
    scheduled_for     INTEGER,                          -- the cron time it stands for, Unix seconds; NULL when started by hand
    status            TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
    started_at        TEXT    NOT NULL,                 -- RFC 3339, UTC
    finished_at       TEXT,                             -- RFC 3339, UTC; NULL while running
    duration_seconds  REAL    CHECK (duration_seconds >= 0),  -- measured on a monotonic clock
    error             TEXT,                             -- why it failed or was interrupted, for people
    detail            TEXT,                             -- what it produced (e.g. the forecast run id), for people
    holder            TEXT    NOT NULL                  -- the process that ran it
);

INSERT INTO job_run_new (id, kind, triggered_by, scheduled_for, status, started_at, finished_at, duration_seconds,
                         error, detail, holder)
SELECT id, kind, triggered_by, scheduled_for, status, started_at, finished_at, duration_seconds, error, detail, holder
FROM job_run;

DROP TABLE job_run;
ALTER TABLE job_run_new RENAME TO job_run;

CREATE INDEX job_run_by_kind ON job_run (kind, id);
CREATE UNIQUE INDEX job_run_scheduled ON job_run (kind, scheduled_for) WHERE scheduled_for IS NOT NULL;
