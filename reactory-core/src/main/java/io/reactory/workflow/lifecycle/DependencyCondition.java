package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.WorkflowStatus;
import java.util.Locale;

/**
 * What a dependency waits for: the status its target must reach (the specification's {@code condition}).
 * {@link #COMPLETED} is the default.
 */
public enum DependencyCondition {
    /** The target completed successfully. */
    COMPLETED,
    /** The target failed (for clean-up or compensation pipelines). */
    FAILED,
    /** The target finished in any way: completed, failed or cancelled. */
    FINISHED;

    /**
     * Parses the specification's lower-case spelling; null or blank means {@link #COMPLETED}.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static DependencyCondition parse(String text) {
        if (text == null || text.isBlank()) {
            return COMPLETED;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("condition must be one of completed, failed, finished but was '"
                    + text + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a target in {@code status} satisfies this condition. */
    public boolean isMetBy(WorkflowStatus status) {
        return switch (this) {
            case COMPLETED -> status == WorkflowStatus.COMPLETED;
            case FAILED -> status == WorkflowStatus.FAILED;
            case FINISHED -> status == WorkflowStatus.COMPLETED || status == WorkflowStatus.FAILED
                    || status == WorkflowStatus.CANCELLED;
        };
    }

    /** True when a target that ended in {@code status} can never satisfy this condition. */
    public boolean isRuledOutBy(WorkflowStatus status) {
        boolean ended = status == WorkflowStatus.COMPLETED || status == WorkflowStatus.FAILED
                || status == WorkflowStatus.CANCELLED;
        return ended && !isMetBy(status);
    }
}
