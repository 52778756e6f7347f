-- The LifecycleManager (io.reactory.workflow.persistence.LifecycleStore): dependencies between instances and the
-- admission queue of concurrency-limited workflows. Versions V30-V39 are reserved for the LifecycleManager (issue 6).
-- Times the engine computes are epoch microseconds like wf_instances.

-- WorkflowInstance.gated: the instance must pass the LifecycleManager's gate (dependencies, concurrency limits)
-- before it starts. Written by the INSERT of a new instance and set by LifecycleStore.addDependencies; instance
-- commits never change it.
ALTER TABLE wf_instances ADD COLUMN gated boolean NOT NULL DEFAULT false;

-- Admission counts the RUNNING instances of a workflow (and of all) under a lock; statistics group by both.
CREATE INDEX wf_instances_running ON wf_instances (workflow_id) WHERE status = 'RUNNING';
-- A workflow dependency is decided by the latest instance of the workflow with the correlation key as reference.
CREATE INDEX wf_instances_latest ON wf_instances (workflow_id, reference, created_at);
-- Cleanup walks finished instances by status, oldest finish first.
CREATE INDEX wf_instances_finished ON wf_instances (status, completed_at)
    WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CLEANING_UP');

-- One row per dependent and target (DependencyRecord.targetKey()). No foreign key on dependent_id: rows are written
-- just before their dependent is inserted (a start that dies in between leaves rows that deleteOrphans removes).
CREATE TABLE wf_dependencies (
    dependent_id       text   NOT NULL,
    target_key         text   NOT NULL,
    seq                bigint GENERATED ALWAYS AS IDENTITY, -- the order they were added
    target_instance_id text,                                -- null for a workflow dependency
    target_workflow_id text   NOT NULL,                     -- for an instance dependency: its target's workflow
    correlation_key    text,                                -- the reference to match; null: any reference
    condition          text   NOT NULL CHECK (condition IN ('COMPLETED', 'FAILED', 'FINISHED')),
    on_unmet           text   NOT NULL CHECK (on_unmet IN ('FAIL', 'CANCEL')),
    wait_until         bigint,
    added_at           bigint NOT NULL,
    satisfied_at       bigint,
    PRIMARY KEY (dependent_id, target_key)
);
-- dependents(target) and targetWorkflows(): unsatisfied rows by what they wait for.
CREATE INDEX wf_dependencies_target ON wf_dependencies (target_workflow_id, correlation_key) WHERE satisfied_at IS NULL;

-- PENDING instances waiting for a slot. scope: the workflow id (queued for its own limit) or '*' (the global limit).
-- rank: created_at + priority rank (high 0, normal 1, low 2) x aging step; ties by instance_id.
CREATE TABLE wf_admission_queue (
    instance_id text   PRIMARY KEY REFERENCES wf_instances (id) ON DELETE CASCADE,
    workflow_id text   NOT NULL,
    scope       text   NOT NULL,
    rank        bigint NOT NULL
);
CREATE INDEX wf_admission_queue_rank ON wf_admission_queue (scope, rank, instance_id);
