-- Provider news about nodes (docs/ALLOCATION.md, "Provider events"), and the reclaim time an
-- interruption notice gives a node.
--
-- `pool_event` is the provider's inbox: an event is stored when it arrives (POST
-- /v1/pool/events, `headroom pool event`) and taken by the next reconcile round, which marks it
-- with its round in the same transaction that records the round, so each event reaches the
-- engine exactly once, across crashes.

ALTER TABLE node ADD COLUMN reclaim_at INTEGER;  -- Unix seconds; NULL without an interruption notice

CREATE TABLE pool_event (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('node-ready', 'node-lost', 'interruption-notice')),
    node         INTEGER NOT NULL CHECK (node >= 0),   -- node-<number>
    at           INTEGER NOT NULL,                      -- when it happened, Unix seconds
    reclaim_at   INTEGER CHECK ((kind = 'interruption-notice') = (reclaim_at IS NOT NULL) AND (reclaim_at IS NULL OR reclaim_at >= at)),
    received_at  TEXT    NOT NULL,                      -- RFC 3339, UTC
    taken_round  INTEGER                                -- the round that took it; NULL until taken
);

CREATE INDEX pool_event_untaken ON pool_event (id) WHERE taken_round IS NULL;
