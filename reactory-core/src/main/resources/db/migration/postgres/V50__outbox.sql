-- The transactional outbox (io.reactory.workflow.persistence.OutboxStore): lifecycle events inserted in the same
-- transaction as the instance change they describe, alerts in their own. Versions V50-V59 are reserved for the
-- outbox and the AMQP adapter (issue 9). Times the engine computes are epoch microseconds like wf_instances; the
-- relay lease is judged by the database clock (now()), like instance leases.
CREATE TABLE wf_outbox (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- send order; per ordering key = change order
    id           text   NOT NULL UNIQUE,                          -- message id, stable across re-sends
    topic        text   NOT NULL,                                 -- routing key, at most 255 bytes
    ordering_key text,                                            -- instance id, null for alerts
    type         text   NOT NULL,
    body         text   NOT NULL,                                 -- JSON, sent byte for byte
    created_at   bigint NOT NULL
);

-- One row: who relays the outbox, until when (epoch microseconds, database clock). A claim takes it with
-- UPDATE ... WHERE owner IS NULL OR owner = ? OR expires_at <= now, then reads ORDER BY seq LIMIT ?.
CREATE TABLE wf_outbox_relay (
    id         integer PRIMARY KEY CHECK (id = 1),
    owner      text,
    expires_at bigint
);
INSERT INTO wf_outbox_relay (id, owner, expires_at) VALUES (1, NULL, NULL);
