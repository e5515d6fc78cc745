-- The allocation engine's action log: every action of every reconcile round, in order. The node
-- pool is the result of applying the applied actions in (round, position) order to an empty
-- pool, so this table is the pool's durable state and its history at once.
--
-- A round is recorded whole, in one transaction, before any of it is applied (applied_at NULL);
-- each action is then applied and marked in its own transaction. After a crash the unapplied
-- actions of the last round are applied first (applying is idempotent by action id), and no new
-- round is computed while one is unfinished: no action is lost or repeated.

CREATE TABLE pool_action (
    round        INTEGER NOT NULL CHECK (round >= 0),
    position     INTEGER NOT NULL CHECK (position >= 0),
    at           INTEGER NOT NULL,                 -- when it takes effect, Unix seconds
    kind         TEXT    NOT NULL,                 -- provision, node-ready, place, replica-ready, drain, remove, release, preempt, interrupt
    action       TEXT    NOT NULL,                 -- the whole action, JSON
    plan_run_id  INTEGER REFERENCES plan_run(id),  -- the plan whose targets the round pursued
    recorded_at  TEXT    NOT NULL,                 -- RFC 3339, UTC
    applied_at   TEXT,                             -- NULL until applied
    PRIMARY KEY (round, position)
) WITHOUT ROWID;
