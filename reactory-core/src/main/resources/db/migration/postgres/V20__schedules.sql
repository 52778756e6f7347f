-- Schedules and their fire records (the scheduler's aggregate, io.reactory.workflow.persistence.ScheduleStore).
-- Versions V20 to V29 are reserved for schedules. Instants are epoch microseconds (bigint), like wf_instances.

CREATE TABLE schedules (
    id                   TEXT        NOT NULL PRIMARY KEY,
    definition           JSONB       NOT NULL,       -- the ScheduleConfig, as given
    workflow_id          TEXT,                       -- definition->'workflow'->>'id', for ScheduleStore.workflowIds()
    definition_version   BIGINT      NOT NULL,
    paused               BOOLEAN     NOT NULL DEFAULT FALSE,
    next_fire_at         BIGINT,                     -- null: disabled, or never fires again
    last_fire_at         BIGINT,
    last_outcome         TEXT,
    last_outcome_fire_at BIGINT,
    last_error           TEXT,
    consecutive_failures INTEGER     NOT NULL DEFAULT 0,
    fired                BIGINT      NOT NULL DEFAULT 0,
    skipped              BIGINT      NOT NULL DEFAULT 0,
    created_at           BIGINT      NOT NULL,
    updated_at           BIGINT      NOT NULL,
    revision             BIGINT      NOT NULL        -- every write is compare-and-set on it
);

-- One timer for all schedules: the nearest fire time is the first entry of this index.
CREATE INDEX schedules_due ON schedules (next_fire_at) WHERE NOT paused AND next_fire_at IS NOT NULL;

CREATE TABLE schedule_fires (
    schedule_id      TEXT        NOT NULL,           -- no foreign key: records outlive a removed schedule until pruned
    fire_at          BIGINT      NOT NULL,
    state            TEXT        NOT NULL,           -- STARTING, RUNNING, BUFFERED, COMPLETED, FAILED, CANCELLED, TIMED_OUT, SKIPPED
    attempt          INTEGER     NOT NULL,
    instance_id      TEXT,
    owner            TEXT,
    check_at         BIGINT,
    attempt_start_at BIGINT,
    deadline         BIGINT,
    timed_out        BOOLEAN     NOT NULL DEFAULT FALSE,
    error            TEXT,
    created_at       BIGINT      NOT NULL,
    finished_at      BIGINT,
    revision         BIGINT      NOT NULL,
    PRIMARY KEY (schedule_id, fire_at)               -- one run per fire time: inserts use ON CONFLICT DO NOTHING
);

CREATE INDEX schedule_fires_check ON schedule_fires (check_at) WHERE check_at IS NOT NULL;
CREATE INDEX schedule_fires_instance ON schedule_fires (instance_id) WHERE instance_id IS NOT NULL;
CREATE INDEX schedule_fires_open ON schedule_fires (schedule_id, fire_at) WHERE state IN ('STARTING', 'RUNNING', 'BUFFERED');
CREATE INDEX schedule_fires_finished ON schedule_fires (finished_at) WHERE finished_at IS NOT NULL;
