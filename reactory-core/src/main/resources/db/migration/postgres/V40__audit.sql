-- Audit log, security events and API keys (issue 8). Flyway versions V40-V49 belong to security.
-- audit_log is append-only and hash-chained: hash = AuditChain.hash(prev_hash, seq, record); appends hold a lock on
-- audit_head so two nodes never fork the chain; at keeps microseconds, as the records do (the hash covers the full
-- ISO-8601 instant, so write and read at exactly: timestamptz, no rounding to milliseconds).

CREATE TABLE audit_log (
    seq            BIGINT      PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL,
    actor          TEXT        NOT NULL,
    namespace      TEXT,
    action         TEXT        NOT NULL,
    target         TEXT,
    outcome        TEXT        NOT NULL,
    status         INTEGER     NOT NULL,
    source_address TEXT,
    request_id     TEXT,
    detail         TEXT,
    prev_hash      CHAR(64)    NOT NULL,
    hash           CHAR(64)    NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_target ON audit_log (target, seq);

-- one row: the chain head, locked (SELECT ... FOR UPDATE) by every append
CREATE TABLE audit_head (
    id        SMALLINT PRIMARY KEY CHECK (id = 1),
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE security_events (
    id             BIGSERIAL   PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL,
    type           TEXT        NOT NULL,
    actor          TEXT,
    source_address TEXT,
    target         TEXT,
    detail         TEXT
);
CREATE INDEX security_events_at ON security_events (at);
CREATE INDEX security_events_type ON security_events (type, id);

CREATE TABLE api_keys (
    key_id      TEXT        PRIMARY KEY,
    secret_hash CHAR(64)    NOT NULL,
    user_id     TEXT        NOT NULL,
    namespace   TEXT        NOT NULL,
    roles       TEXT        NOT NULL,  -- JSON array of strings
    permissions TEXT        NOT NULL,  -- JSON array of strings
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);
