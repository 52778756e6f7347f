-- The transactional outbox (io.reactory.workflow.persistence.OutboxStore): lifecycle events inserted in the same
-- transaction as the instance change they describe, alerts in their own. Versions V50-V59 are reserved for the
-- outbox and the AMQP adapter (issue 9). Times are epoch microseconds like wf_instances.
CREATE TABLE wf_outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT, -- send order; per ordering key = change order; never reused
    id           TEXT    NOT NULL UNIQUE,           -- message id, stable across re-sends
    topic        TEXT    NOT NULL,                  -- routing key, at most 255 bytes
    ordering_key TEXT,                              -- instance id, null for alerts
    type         TEXT    NOT NULL,
    body         TEXT    NOT NULL,                  -- JSON, sent byte for byte
    created_at   INTEGER NOT NULL
);

-- One row: who relays the outbox, until when (epoch microseconds).
CREATE TABLE wf_outbox_relay (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    owner      TEXT,
    expires_at INTEGER
);
INSERT INTO wf_outbox_relay (id, owner, expires_at) VALUES (1, NULL, NULL);
