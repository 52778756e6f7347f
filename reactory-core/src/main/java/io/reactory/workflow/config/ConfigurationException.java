package io.reactory.workflow.config;

import io.reactory.workflow.api.WorkflowException;

/**
 * Configuration is invalid, missing or cannot be written. Carries every problem found; the message lists the first
 * few (file, line, column, field), never a configuration value.
 */
public class ConfigurationException extends WorkflowException {
    private static final int SHOWN = 10;
    private final transient ValidationResult result;

    public ConfigurationException(String summary, ValidationResult result) {
        super(message(summary, result));
        this.result = result;
    }

    public ConfigurationException(String summary, Throwable cause) {
        super(summary, cause);
        this.result = ValidationResult.OK;
    }

    /** Every problem found (empty for I/O failures, whose cause is attached). */
    public ValidationResult result() {
        return result;
    }

    private static String message(String summary, ValidationResult result) {
        StringBuilder out = new StringBuilder(summary);
        var errors = result.errors();
        for (int i = 0; i < Math.min(SHOWN, errors.size()); i++) {
            out.append("\n  ").append(errors.get(i).format());
        }
        if (errors.size() > SHOWN) {
            out.append("\n  ... and ").append(errors.size() - SHOWN).append(" more");
        }
        return out.toString();
    }
}
