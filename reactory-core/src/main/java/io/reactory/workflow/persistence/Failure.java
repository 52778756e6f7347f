package io.reactory.workflow.persistence;

import java.time.Instant;

/**
 * Why an instance failed (or a step failed).
 *
 * @param reason    a stable code: {@code STEP_FAILED}, {@code TIMEOUT}, {@code COMPENSATED},
 *                  {@code DEPENDENCY_FAILED}, {@code DEPENDENCY_TIMEOUT}, {@code RESOURCE_LIMIT}
 * @param stepName  the step that failed, or null
 * @param attempt   the attempt that failed last (1-based), or 0
 * @param errorType the exception class name, or null
 * @param message   the error message (never workflow data)
 */
public record Failure(String reason, String stepName, int attempt, String errorType, String message, Instant at) {
    public static final String STEP_FAILED = "STEP_FAILED";
    public static final String TIMEOUT = "TIMEOUT";
    public static final String COMPENSATED = "COMPENSATED";
    /** A dependency can no longer be met: its target was cancelled, or failed when completion was required. */
    public static final String DEPENDENCY_FAILED = "DEPENDENCY_FAILED";
    /** The instance waited for its dependencies longer than its wait timeout. */
    public static final String DEPENDENCY_TIMEOUT = "DEPENDENCY_TIMEOUT";
    /** The instance exceeded a resource limit (steps executed, data size). */
    public static final String RESOURCE_LIMIT = "RESOURCE_LIMIT";
}
