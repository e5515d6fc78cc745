-- Job runs: every run of the forecast, plan and execute jobs, whoever started it (the
-- scheduler, a REST request, the command line), with its status, timings and outcome.
--
-- job_lease holds one row per job kind while a run of it is in progress: a holder (one service
-- process) takes it with an expiry, renews it while the job runs and deletes it when the run
-- ends. Another holder cannot take an unexpired lease, so two processes on one database never
-- run the same job at once; a lease left by a crashed process expires, and its run is then
-- marked interrupted. A scheduled time is recorded at most once per kind (the unique index).

CREATE TABLE job_run (
    id                INTEGER PRIMARY KEY,
    kind              TEXT    NOT NULL CHECK (kind IN ('forecast', 'plan', 'execute')),
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

CREATE INDEX job_run_by_kind ON job_run (kind, id);
CREATE UNIQUE INDEX job_run_scheduled ON job_run (kind, scheduled_for) WHERE scheduled_for IS NOT NULL;

CREATE TABLE job_lease (
    name        TEXT PRIMARY KEY,                       -- the job kind
    holder      TEXT NOT NULL,
    expires_at  REAL NOT NULL                           -- Unix seconds
) WITHOUT ROWID;
