-- Instances, signals, events and subscriptions (io.reactory.workflow.persistence.InstanceStore and EventStore), and
-- the node registry. Versions V1-V9 are reserved for them. Times the engine computes are epoch microseconds (bigint);
-- with the default lease clock, lease expiry and heartbeats are judged by the database clock (clock_timestamp(), also
-- as epoch microseconds). SQL for these tables lives in JdbcInstanceStore, JdbcEventStore and JdbcNodeRegistry.

-- fillfactor: a step commit that keeps its lease changes no indexed column (the store keeps the earlier due time of a
-- held instance), so PostgreSQL can update it in place (HOT) when the page has room. Autovacuum early and unthrottled:
-- every claim and release leaves dead entries in the claim indexes, which claims step over until they are vacuumed.
CREATE TABLE wf_instances (
    id               text     PRIMARY KEY,
    workflow_id      text     NOT NULL,
    version          text     NOT NULL,
    status           text     NOT NULL,
    reference        text,
    namespace        text,
    priority         smallint NOT NULL,             -- Priority rank: high 0, normal 1, low 2
    idempotency_key  text     UNIQUE,
    created_at       bigint   NOT NULL,
    started_at       bigint,
    completed_at     bigint,
    next_execution   bigint,                        -- null: nothing to do until a signal arrives
    signalled        boolean  NOT NULL DEFAULT false, -- has signals not yet consumed: claimable whatever its due time
    revision         bigint   NOT NULL,
    lease_owner      text,                          -- null: not held
    lease_epoch      bigint   NOT NULL DEFAULT 0,   -- raised by every claim; commits are fenced by it
    lease_expires_at bigint,                        -- epoch microseconds of the lease clock
    data             text,                          -- the workflow data, JSON
    state            text     NOT NULL              -- pointers, cursors, failure, metadata, counters: JSON
) WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.05,
        autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0);
-- The claim: unleased instances in due order, signalled ones, and expired leases.
CREATE INDEX wf_instances_due ON wf_instances (next_execution) WHERE lease_owner IS NULL AND next_execution IS NOT NULL;
CREATE INDEX wf_instances_signalled ON wf_instances (id) WHERE signalled;
CREATE INDEX wf_instances_leases ON wf_instances (lease_expires_at) WHERE lease_owner IS NOT NULL;
CREATE INDEX wf_instances_created ON wf_instances (created_at);
CREATE INDEX wf_instances_status ON wf_instances (status);

-- Requests for an instance not yet applied by its holder; deleted when a commit consumes them.
CREATE TABLE wf_signals (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id text   NOT NULL REFERENCES wf_instances (id) ON DELETE CASCADE,
    kind        text   NOT NULL,
    event_id    text,                               -- for EVENT signals: wf_events.id (kept while referenced)
    created_at  bigint NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_cost_delay = 0);
CREATE INDEX wf_signals_instance ON wf_signals (instance_id, id);
CREATE INDEX wf_signals_event ON wf_signals (event_id) WHERE event_id IS NOT NULL;

CREATE TABLE wf_events (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           text   NOT NULL UNIQUE,
    name         text   NOT NULL,
    key          text   NOT NULL,
    data         text,
    published_at bigint NOT NULL
);
CREATE INDEX wf_events_match ON wf_events (name, key, seq);
CREATE INDEX wf_events_published ON wf_events (published_at);

-- An instance waiting for an event by name and key, derived from its pointers when it is committed. An event matches
-- when it was published at or after as_of (the instance's creation) with a sequence number above after_seq (the
-- instance's cursor for the name and key when it subscribed).
CREATE TABLE wf_subscriptions (
    instance_id text   NOT NULL REFERENCES wf_instances (id) ON DELETE CASCADE,
    event_name  text   NOT NULL,
    event_key   text   NOT NULL,
    as_of       bigint NOT NULL,
    after_seq   bigint NOT NULL,
    PRIMARY KEY (instance_id, event_name, event_key)
);
CREATE INDEX wf_subscriptions_match ON wf_subscriptions (event_name, event_key);

-- Engine nodes and their heartbeats (lease clock, epoch microseconds).
CREATE TABLE wf_nodes (
    id           text   PRIMARY KEY,
    started_at   bigint NOT NULL,
    heartbeat_at bigint NOT NULL
);
