-- Instances, signals, events and subscriptions (io.reactory.workflow.persistence.InstanceStore and EventStore), and
-- the node registry. Versions V1-V9 are reserved for them. Times the engine computes are epoch microseconds (bigint);
-- lease expiry is judged by the database clock (clock_timestamp(), also as epoch microseconds).

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
    lease_expires_at bigint,                        -- database clock, epoch microseconds
    data             text,                          -- the workflow data, JSON
    state            text     NOT NULL              -- pointers, cursors, failure, metadata, counters: JSON
);
-- The claim query: due instances in due order, and signalled ones.
CREATE INDEX wf_instances_due ON wf_instances (next_execution) WHERE next_execution IS NOT NULL;
CREATE INDEX wf_instances_signalled ON wf_instances (id) WHERE signalled;
CREATE INDEX wf_instances_created ON wf_instances (created_at);
CREATE INDEX wf_instances_status ON wf_instances (status);

CREATE TABLE wf_signals (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id text   NOT NULL REFERENCES wf_instances (id) ON DELETE CASCADE,
    kind        text   NOT NULL,
    event_id    text,
    created_at  bigint NOT NULL
);
CREATE INDEX wf_signals_instance ON wf_signals (instance_id, id);

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

-- A pointer waiting for an event, derived from the instance's pointers when it is committed.
CREATE TABLE wf_subscriptions (
    instance_id text   NOT NULL REFERENCES wf_instances (id) ON DELETE CASCADE,
    pointer_id  integer NOT NULL,
    event_name  text   NOT NULL,
    event_key   text   NOT NULL,
    PRIMARY KEY (instance_id, pointer_id)
);
CREATE INDEX wf_subscriptions_match ON wf_subscriptions (event_name, event_key);

-- Engine nodes and their heartbeats (database clock).
CREATE TABLE wf_nodes (
    id           text   PRIMARY KEY,
    started_at   bigint NOT NULL,
    heartbeat_at bigint NOT NULL
);
