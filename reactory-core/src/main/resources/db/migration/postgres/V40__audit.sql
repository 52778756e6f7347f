-- Audit log, security events and API keys (issue 8). Flyway versions V40-V49 belong to security.
-- audit_log is append-only and hash-chained: hash = AuditChain.hash(prev_hash, seq, record). Every append locks the
-- one row of audit_head (SELECT ... FOR UPDATE), so two nodes never fork the chain. Times are epoch microseconds
-- (bigint) like every engine time: the hash covers the full ISO-8601 instant, which must round-trip exactly.

CREATE TABLE audit_log (
    seq            bigint PRIMARY KEY,
    at             bigint NOT NULL,
    actor          text   NOT NULL,
    namespace      text,
    action         text   NOT NULL,
    target         text,
    outcome        text   NOT NULL,
    status         integer NOT NULL,
    source_address text,
    request_id     text,
    detail         text,
    prev_hash      text   NOT NULL,
    hash           text   NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_target ON audit_log (target, seq);

-- One row: the head of the chain, locked by every append.
CREATE TABLE audit_head (
    id        smallint PRIMARY KEY CHECK (id = 1),
    last_seq  bigint   NOT NULL,
    last_hash text     NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE security_events (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             bigint NOT NULL,
    type           text   NOT NULL,
    actor          text,
    source_address text,
    target         text,
    detail         text
);
CREATE INDEX security_events_at ON security_events (at);
CREATE INDEX security_events_type ON security_events (type, id);

CREATE TABLE api_keys (
    key_id      text   PRIMARY KEY,
    secret_hash text   NOT NULL,
    user_id     text   NOT NULL,
    namespace   text   NOT NULL,
    roles       text   NOT NULL,  -- JSON array of strings
    permissions text   NOT NULL,  -- JSON array of strings
    created_at  bigint NOT NULL,
    expires_at  bigint,
    revoked_at  bigint
);
