-- Instances, signals, events and subscriptions (io.reactory.workflow.persistence.InstanceStore and EventStore), and
-- the node registry. Versions V1-V9 are reserved for them. Times the engine computes are epoch microseconds (INTEGER);
-- with the default lease clock, lease expiry is judged by the clock of the process that owns the file. Booleans are
-- 0/1 and written as true/false, so the statements in JdbcInstanceStore read the same on both dialects.

CREATE TABLE wf_instances (
    id               TEXT    PRIMARY KEY,
    workflow_id      TEXT    NOT NULL,
    version          TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    reference        TEXT,
    namespace        TEXT,
    priority         INTEGER NOT NULL,              -- Priority rank: high 0, normal 1, low 2
    idempotency_key  TEXT    UNIQUE,
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    completed_at     INTEGER,
    next_execution   INTEGER,                       -- null: nothing to do until a signal arrives
    signalled        INTEGER NOT NULL DEFAULT 0,    -- has signals not yet consumed: claimable whatever its due time
    revision         INTEGER NOT NULL,
    lease_owner      TEXT,                          -- null: not held
    lease_epoch      INTEGER NOT NULL DEFAULT 0,    -- raised by every claim; commits are fenced by it
    lease_expires_at INTEGER,                       -- epoch microseconds of the lease clock
    data             TEXT,                          -- the workflow data, JSON
    state            TEXT    NOT NULL               -- pointers, cursors, failure, metadata, counters: JSON
);
-- The claim: unleased instances in due order, signalled ones, and expired leases.
CREATE INDEX wf_instances_due ON wf_instances (next_execution) WHERE lease_owner IS NULL AND next_execution IS NOT NULL;
CREATE INDEX wf_instances_signalled ON wf_instances (id) WHERE signalled;
CREATE INDEX wf_instances_leases ON wf_instances (lease_expires_at) WHERE lease_owner IS NOT NULL;
CREATE INDEX wf_instances_created ON wf_instances (created_at);
CREATE INDEX wf_instances_status ON wf_instances (status);

-- Requests for an instance not yet applied by its holder; deleted when a commit consumes them.
CREATE TABLE wf_signals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT    NOT NULL REFERENCES wf_instances (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    event_id    TEXT,                               -- for EVENT signals: wf_events.id (kept while referenced)
    created_at  INTEGER NOT NULL
);
CREATE INDEX wf_signals_instance ON wf_signals (instance_id, id);
CREATE INDEX wf_signals_event ON wf_signals (event_id) WHERE event_id IS NOT NULL;

CREATE TABLE wf_events (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    key          TEXT    NOT NULL,
    data         TEXT,
    published_at INTEGER NOT NULL
);
CREATE INDEX wf_events_match ON wf_events (name, key, seq);
CREATE INDEX wf_events_published ON wf_events (published_at);

-- An instance waiting for an event by name and key, derived from its pointers when it is committed. An event matches
-- when it was published at or after as_of (the instance's creation) with a sequence number above after_seq (the
-- instance's cursor for the name and key when it subscribed).
CREATE TABLE wf_subscriptions (
    instance_id TEXT    NOT NULL REFERENCES wf_instances (id) ON DELETE CASCADE,
    event_name  TEXT    NOT NULL,
    event_key   TEXT    NOT NULL,
    as_of       INTEGER NOT NULL,
    after_seq   INTEGER NOT NULL,
    PRIMARY KEY (instance_id, event_name, event_key)
);
CREATE INDEX wf_subscriptions_match ON wf_subscriptions (event_name, event_key);

-- Engine nodes and their heartbeats (lease clock, epoch microseconds).
CREATE TABLE wf_nodes (
    id           TEXT    PRIMARY KEY,
    started_at   INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
);
