-- The ErrorHandler's failure records (io.reactory.workflow.persistence.ErrorRecord), written in the same transaction
-- as the instance commit that carries them. Versions V10-V19 are reserved for the ErrorHandler. Instants are epoch
-- microseconds (bigint), like wf_instances.
CREATE TABLE error_records (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id      TEXT        NOT NULL,
    workflow_id      TEXT        NOT NULL,
    workflow_version TEXT,
    namespace        TEXT,
    step_name        TEXT,
    pointer_id       INTEGER     NOT NULL,
    attempt          INTEGER     NOT NULL,
    error_type       TEXT        NOT NULL,
    message          TEXT,
    stack_trace      TEXT,
    retryable        BOOLEAN     NOT NULL,
    action           TEXT        NOT NULL CHECK (action IN ('RETRY', 'SUSPEND', 'FAIL', 'COMPENSATE')),
    retry_at         BIGINT,
    occurred_at      BIGINT      NOT NULL
);

CREATE INDEX error_records_by_instance ON error_records (instance_id, id);
CREATE INDEX error_records_by_time ON error_records (occurred_at);
