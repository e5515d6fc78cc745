-- Plan runs: each run is a new version, linked to the forecast run it planned from. The whole
-- plan is kept as JSON (replicas per step, schedules, capacity split, costs), with the figures
-- people filter and sort on as columns, and one row per (run, model, region) for quick lookup.

CREATE TABLE plan_run (
    id                      INTEGER PRIMARY KEY,                 -- the plan version
    forecast_run_id         INTEGER NOT NULL REFERENCES forecast_run(id),
    created_at              TEXT    NOT NULL,                    -- RFC 3339, UTC
    config_sha256           TEXT    NOT NULL,                    -- hex digest of the configuration used
    start                   INTEGER NOT NULL,                    -- first planned step, Unix seconds
    step_seconds            INTEGER NOT NULL CHECK (step_seconds > 0),
    steps                   INTEGER NOT NULL CHECK (steps >= 0),
    monthly_cost_usd        REAL    NOT NULL,                    -- expected, at the planned split
    on_demand_cost_usd      REAL    NOT NULL,                    -- the same replicas, all on demand
    static_peak_cost_usd    REAL    NOT NULL,                    -- the peak held all month, on demand
    within_budget           INTEGER CHECK (within_budget IN (0, 1)),  -- NULL when no budget is set
    plan                    TEXT    NOT NULL                     -- the whole plan, JSON
);

CREATE TABLE model_plan (
    plan_run_id  INTEGER NOT NULL REFERENCES plan_run(id) ON DELETE CASCADE,
    model        TEXT    NOT NULL,
    region       TEXT    NOT NULL,
    peak_replicas INTEGER NOT NULL CHECK (peak_replicas >= 0),
    plan         TEXT    NOT NULL,                               -- this model's plan in the region, JSON
    PRIMARY KEY (plan_run_id, model, region)
);
