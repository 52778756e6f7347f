-- Audit log, security events and API keys (issue 8). Flyway versions V40-V49 belong to security.
-- audit_log is append-only and hash-chained: hash = AuditChain.hash(prev_hash, seq, record). Every append starts by
-- writing the one row of audit_head, which takes SQLite's write lock before the head is read, so two processes on
-- one file never fork the chain. Times are epoch microseconds (INTEGER) like every engine time: the hash covers the
-- full ISO-8601 instant, which must round-trip exactly.

CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY,
    at             INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    namespace      TEXT,
    action         TEXT    NOT NULL,
    target         TEXT,
    outcome        TEXT    NOT NULL,
    status         INTEGER NOT NULL,
    source_address TEXT,
    request_id     TEXT,
    detail         TEXT,
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_target ON audit_log (target, seq);

-- One row: the head of the chain, written first by every append.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq  INTEGER NOT NULL,
    last_hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE security_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             INTEGER NOT NULL,
    type           TEXT    NOT NULL,
    actor          TEXT,
    source_address TEXT,
    target         TEXT,
    detail         TEXT
);
CREATE INDEX security_events_at ON security_events (at);
CREATE INDEX security_events_type ON security_events (type, id);

CREATE TABLE api_keys (
    key_id      TEXT    PRIMARY KEY,
    secret_hash TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    namespace   TEXT    NOT NULL,
    roles       TEXT    NOT NULL,  -- JSON array of strings
    permissions TEXT    NOT NULL,  -- JSON array of strings
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER,
    revoked_at  INTEGER
);
