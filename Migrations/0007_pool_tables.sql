-- The node pool as tables: its nodes and the replicas on them. They are kept in step with the
-- action log of 0004 (which stays the pool's event log): each action is applied to them in the
-- same transaction that marks it applied, so they always equal the applied actions replayed on
-- an empty pool. `pool_state.applied_actions` counts the actions they reflect; a database whose
-- log was written before this migration has tables behind its log, and is brought up to date
-- (by replaying the log, in one transaction) the first time the pool is loaded.

CREATE TABLE node (
    number             INTEGER PRIMARY KEY CHECK (number >= 0),  -- node-<number>
    region             TEXT    NOT NULL,
    gpu_type           TEXT    NOT NULL,
    gpus               INTEGER NOT NULL CHECK (gpus >= 1),
    memory_per_gpu_gib INTEGER NOT NULL CHECK (memory_per_gpu_gib >= 1),
    capacity           TEXT    NOT NULL CHECK (capacity IN ('reserved', 'on-demand', 'spot')),
    replica_class      TEXT    NOT NULL CHECK (replica_class IN ('interactive', 'batch')),
    state              TEXT    NOT NULL CHECK (state IN ('provisioning', 'ready', 'draining', 'terminated')),
    requested_at       INTEGER NOT NULL,   -- Unix seconds
    ready_due_at       INTEGER NOT NULL,   -- Unix seconds
    ready_at           INTEGER,            -- Unix seconds; NULL until ready
    terminated_at      INTEGER             -- Unix seconds; NULL while alive
);

-- Replicas not removed (a removed replica's row is deleted; the log keeps its history).
CREATE TABLE replica (
    number             INTEGER PRIMARY KEY CHECK (number >= 0),  -- replica-<number>
    model              TEXT    NOT NULL,
    region             TEXT    NOT NULL,
    gpu_type           TEXT    NOT NULL,
    gpus               INTEGER NOT NULL CHECK (gpus >= 0),
    memory_gib         INTEGER NOT NULL CHECK (memory_gib >= 0),
    replica_class      TEXT    NOT NULL CHECK (replica_class IN ('interactive', 'batch')),
    cold_start_s       INTEGER NOT NULL CHECK (cold_start_s >= 0),
    state              TEXT    NOT NULL CHECK (state IN ('pending', 'loading', 'serving', 'draining')),
    node               INTEGER REFERENCES node(number),  -- NULL while pending
    created_at         INTEGER NOT NULL,   -- Unix seconds
    placed_at          INTEGER,
    serving_at         INTEGER,
    draining_since     INTEGER
);

CREATE INDEX replica_by_node ON replica(node);

-- One row: how many applied actions the tables reflect, and the next ids (removed replicas
-- keep their numbers used).
CREATE TABLE pool_state (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    applied_actions     INTEGER NOT NULL CHECK (applied_actions >= 0),
    next_node_number    INTEGER NOT NULL CHECK (next_node_number >= 0),
    next_replica_number INTEGER NOT NULL CHECK (next_replica_number >= 0)
);

INSERT INTO pool_state (id, applied_actions, next_node_number, next_replica_number) VALUES (1, 0, 0, 0);
