-- Audit log, security events and API keys (issue 8). Flyway versions V40-V49 belong to security.
-- audit_log is append-only and hash-chained: hash = AuditChain.hash(prev_hash, seq, record). SQLite has one writer,
-- so appending inside a write transaction (BEGIN IMMEDIATE) keeps the chain linear. Times are epoch milliseconds,
-- except audit_log.at_us: epoch microseconds, as audit records keep them (the hash covers the full ISO-8601 instant).

CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY,
    at_us          INTEGER NOT NULL,
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
CREATE INDEX audit_log_at ON audit_log (at_us);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_target ON audit_log (target, seq);

CREATE TABLE security_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms          INTEGER NOT NULL,
    type           TEXT    NOT NULL,
    actor          TEXT,
    source_address TEXT,
    target         TEXT,
    detail         TEXT
);
CREATE INDEX security_events_at ON security_events (at_ms);
CREATE INDEX security_events_type ON security_events (type, id);

CREATE TABLE api_keys (
    key_id        TEXT    PRIMARY KEY,
    secret_hash   TEXT    NOT NULL,
    user_id       TEXT    NOT NULL,
    namespace     TEXT    NOT NULL,
    roles         TEXT    NOT NULL,  -- JSON array of strings
    permissions   TEXT    NOT NULL,  -- JSON array of strings
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER,
    revoked_at_ms INTEGER
);
