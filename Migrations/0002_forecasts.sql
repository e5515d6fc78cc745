-- Forecast runs: one row per run, one per (run, series) with the model chosen and its backtest
-- scores, and one per (run, series, future step) with the point forecast and its quantiles.

CREATE TABLE forecast_run (
    id               INTEGER PRIMARY KEY,
    created_at       TEXT    NOT NULL,                              -- RFC 3339, UTC
    horizon_seconds  INTEGER NOT NULL CHECK (horizon_seconds > 0),
    history_seconds  INTEGER NOT NULL CHECK (history_seconds > 0),  -- history each series was fitted on
    levels           TEXT    NOT NULL,                              -- JSON array of quantile levels, ascending
    series_count     INTEGER NOT NULL CHECK (series_count >= 0),
    failed_count     INTEGER NOT NULL CHECK (failed_count >= 0),
    duration_seconds REAL    NOT NULL CHECK (duration_seconds >= 0)
);

CREATE TABLE forecast (
    run_id              INTEGER NOT NULL REFERENCES forecast_run(id) ON DELETE CASCADE,
    series_id           INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    model               TEXT,              -- model chosen; NULL when the series could not be forecast
    error               TEXT,              -- why not, when model is NULL
    backtest_mase       REAL,              -- MASE of the chosen model over the rolling-origin backtest
    seasonal_naive_mase REAL,              -- MASE of seasonal naive over the same backtest
    coverage_95         REAL,              -- share of backtest actuals inside the 95% interval
    start               INTEGER NOT NULL,  -- first forecast step, Unix seconds (UTC)
    step_seconds        INTEGER NOT NULL CHECK (step_seconds > 0),
    horizon             INTEGER NOT NULL CHECK (horizon >= 0),  -- forecast steps stored
    PRIMARY KEY (run_id, series_id)
);

CREATE TABLE forecast_point (
    run_id     INTEGER NOT NULL,
    series_id  INTEGER NOT NULL,
    ts         INTEGER NOT NULL,          -- start of the step, Unix seconds (UTC)
    point      REAL    NOT NULL,
    quantiles  TEXT    NOT NULL,          -- JSON array aligned with forecast_run.levels
    PRIMARY KEY (run_id, series_id, ts),
    FOREIGN KEY (run_id, series_id) REFERENCES forecast(run_id, series_id) ON DELETE CASCADE
) WITHOUT ROWID;
