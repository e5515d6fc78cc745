-- Tuned plan settings (docs/PLANNING.md, "Tuned settings"): each `headroom tune` (or tune job)
-- is a `tune_run`; each interactive model and region it replayed has a `tuned_setting` row with
-- the settings found and the replay's evidence. Plans use the newest row of each model and
-- region when its status is 'tuned'. A model without enough history gets no row.

CREATE TABLE tune_run (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT    NOT NULL,                        -- RFC 3339, UTC
    days        INTEGER NOT NULL CHECK (days >= 1)       -- days replayed per series
);

CREATE TABLE tuned_setting (
    tune_run_id               INTEGER NOT NULL REFERENCES tune_run(id) ON DELETE CASCADE,
    model                     TEXT    NOT NULL,
    region                    TEXT    NOT NULL,
    status                    TEXT    NOT NULL CHECK (status IN ('tuned', 'unreached')),
    slo_served                REAL    NOT NULL CHECK (slo_served > 0 AND slo_served < 1),
    quantile                  REAL    NOT NULL CHECK (quantile > 0 AND quantile < 1),   -- the plan floor's forecast quantile
    utilization               REAL    NOT NULL CHECK (utilization > 0 AND utilization <= 1),
    served_fraction           REAL    NOT NULL CHECK (served_fraction BETWEEN 0 AND 1),
    cost_usd                  REAL    NOT NULL,          -- the replayed days at these settings
    reactive_utilization      REAL    NOT NULL,          -- the reactive autoscaler tuned to the same target
    reactive_served_fraction  REAL    NOT NULL,
    reactive_reached          INTEGER NOT NULL CHECK (reactive_reached IN (0, 1)),
    reactive_cost_usd         REAL    NOT NULL,
    floor_cost_usd            REAL,                      -- hindsight floor; NULL when none
    replays                   INTEGER NOT NULL CHECK (replays >= 1),
    replay_start              INTEGER NOT NULL,          -- Unix seconds, first replayed day
    replay_end                INTEGER NOT NULL CHECK (replay_end > replay_start),
    train_days                INTEGER NOT NULL CHECK (train_days >= 1),
    PRIMARY KEY (tune_run_id, model, region)
);

CREATE INDEX tuned_setting_latest ON tuned_setting (model, region, tune_run_id);
