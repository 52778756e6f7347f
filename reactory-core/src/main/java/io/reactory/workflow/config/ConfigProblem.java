package io.reactory.workflow.config;

import java.util.Objects;

/**
 * One problem found in configuration: where it is (file, 1-based line and column), which field, and what is wrong.
 * Messages name the field and the rule, never a secret value.
 *
 * @param file     the file, relative to the configuration directory where possible ({@code workflows/etl.yml})
 * @param line     1-based line, 0 when the problem concerns the file as a whole
 * @param column   1-based column, 0 when unknown
 * @param field    the field's path ({@code security.allowedRoles[1]}), empty for the document
 * @param severity errors make the configuration invalid; warnings are reported and the configuration still applies
 */
public record ConfigProblem(String file, int line, int column, String field, String message, Severity severity) {

    /** How bad a problem is. */
    public enum Severity {
        ERROR,
        WARNING
    }

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        field = field == null ? "" : field;
        severity = severity == null ? Severity.ERROR : severity;
    }

    public static ConfigProblem error(String file, int line, int column, String field, String message) {
        return new ConfigProblem(file, line, column, field, message, Severity.ERROR);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column field: message}, the form the CLI prints (warnings prefixed with {@code warning:}). */
    public String format() {
        StringBuilder out = new StringBuilder(file).append(':').append(line).append(':').append(column).append(' ');
        if (!field.isEmpty()) {
            out.append(field).append(": ");
        }
        if (severity == Severity.WARNING) {
            out.append("warning: ");
        }
        return out.append(message).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
