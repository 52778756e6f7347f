-- The LifecycleManager (io.reactory.workflow.persistence.LifecycleStore): dependencies between instances and the
-- admission queue of concurrency-limited workflows. Versions V30-V39 are reserved for the LifecycleManager (issue 6).
-- All times are epoch microseconds (INTEGER), like wf_instances. SQLite has one writer, which serialises admissions.

-- WorkflowInstance.gated: the instance must pass the LifecycleManager's gate (dependencies, concurrency limits)
-- before it starts. Written by the INSERT of a new instance and set by LifecycleStore.addDependencies; instance
-- commits never change it.
ALTER TABLE wf_instances ADD COLUMN gated INTEGER NOT NULL DEFAULT 0;

CREATE INDEX wf_instances_running ON wf_instances (workflow_id) WHERE status = 'RUNNING';
CREATE INDEX wf_instances_latest ON wf_instances (workflow_id, reference, created_at);
CREATE INDEX wf_instances_finished ON wf_instances (status, completed_at)
    WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CLEANING_UP');

-- No foreign key on dependent_id: rows are written just before their dependent is inserted. The rowid keeps the
-- order they were added.
CREATE TABLE wf_dependencies (
    dependent_id       TEXT    NOT NULL,
    target_key         TEXT    NOT NULL,
    target_instance_id TEXT,
    target_workflow_id TEXT    NOT NULL,
    correlation_key    TEXT,
    condition          TEXT    NOT NULL CHECK (condition IN ('COMPLETED', 'FAILED', 'FINISHED')),
    on_unmet           TEXT    NOT NULL CHECK (on_unmet IN ('FAIL', 'CANCEL')),
    wait_until         INTEGER,
    added_at           INTEGER NOT NULL,
    satisfied_at       INTEGER,
    PRIMARY KEY (dependent_id, target_key)
);
CREATE INDEX wf_dependencies_target ON wf_dependencies (target_workflow_id, correlation_key) WHERE satisfied_at IS NULL;

CREATE TABLE wf_admission_queue (
    instance_id TEXT    PRIMARY KEY REFERENCES wf_instances (id) ON DELETE CASCADE,
    workflow_id TEXT    NOT NULL,
    scope       TEXT    NOT NULL,
    rank        INTEGER NOT NULL
);
CREATE INDEX wf_admission_queue_rank ON wf_admission_queue (scope, rank, instance_id);
