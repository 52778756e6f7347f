package io.reactory.workflow.api;

/**
 * The keys the engine puts in the SLF4J MDC while a step runs (so a step's own log lines carry them) and around its
 * log lines about an instance. With Logback, {@code %X{instanceId}} in a pattern, or the JSON encoder, shows them.
 */
public final class MdcKeys {
    /** The instance's id. */
    public static final String INSTANCE_ID = "instanceId";
    /** The workflow's id. */
    public static final String WORKFLOW_ID = "workflowId";
    /** The workflow version the instance runs. */
    public static final String WORKFLOW_VERSION = "workflowVersion";
    /** The step's name (absent in lines about the instance as a whole). */
    public static final String STEP = "step";
    /** The step's attempt, 1-based (absent in lines about the instance as a whole). */
    public static final String ATTEMPT = "attempt";

    private MdcKeys() {}
}
