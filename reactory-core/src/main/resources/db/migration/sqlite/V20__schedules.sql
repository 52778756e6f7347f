-- Schedules and their fire records (the scheduler's aggregate, io.reactory.workflow.persistence.ScheduleStore).
-- Versions V20 to V29 are reserved for schedules. Instants are epoch microseconds, like wf_instances.

CREATE TABLE schedules (
    id                   TEXT    NOT NULL PRIMARY KEY,
    definition           TEXT    NOT NULL,           -- the ScheduleConfig as JSON, as given
    workflow_id          TEXT,                       -- definition.workflow.id, for ScheduleStore.workflowIds()
    definition_version   INTEGER NOT NULL,
    paused               INTEGER NOT NULL DEFAULT 0,
    next_fire_at         INTEGER,                    -- null: disabled, or never fires again
    last_fire_at         INTEGER,
    last_outcome         TEXT,
    last_outcome_fire_at INTEGER,
    last_error           TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    fired                INTEGER NOT NULL DEFAULT 0,
    skipped              INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    revision             INTEGER NOT NULL            -- every write is compare-and-set on it
);

-- One timer for all schedules: the nearest fire time is the first entry of this index.
CREATE INDEX schedules_due ON schedules (next_fire_at) WHERE paused = 0 AND next_fire_at IS NOT NULL;

CREATE TABLE schedule_fires (
    schedule_id      TEXT    NOT NULL,               -- no foreign key: records outlive a removed schedule until pruned
    fire_at          INTEGER NOT NULL,
    state            TEXT    NOT NULL,               -- STARTING, RUNNING, BUFFERED, COMPLETED, FAILED, CANCELLED, TIMED_OUT, SKIPPED
    attempt          INTEGER NOT NULL,
    instance_id      TEXT,
    owner            TEXT,
    check_at         INTEGER,
    attempt_start_at INTEGER,
    deadline         INTEGER,
    timed_out        INTEGER NOT NULL DEFAULT 0,
    error            TEXT,
    created_at       INTEGER NOT NULL,
    finished_at      INTEGER,
    revision         INTEGER NOT NULL,
    PRIMARY KEY (schedule_id, fire_at)               -- one run per fire time, whatever the number of nodes
);

CREATE INDEX schedule_fires_check ON schedule_fires (check_at) WHERE check_at IS NOT NULL;
CREATE INDEX schedule_fires_instance ON schedule_fires (instance_id) WHERE instance_id IS NOT NULL;
CREATE INDEX schedule_fires_open ON schedule_fires (schedule_id, fire_at) WHERE state IN ('STARTING', 'RUNNING', 'BUFFERED');
CREATE INDEX schedule_fires_finished ON schedule_fires (finished_at) WHERE finished_at IS NOT NULL;
