package io.reactory.workflow.definition;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A workflow version: dot-separated non-negative numbers ({@code "1"}, {@code "1.0"}, {@code "2.3.1"}), ordered
 * numerically. Trailing zero segments do not count, so {@code "1"} and {@code "1.0"} are the same version (the
 * specification writes both).
 */
public record WorkflowVersion(String text) implements Comparable<WorkflowVersion> {
    private static final Pattern SHAPE = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){0,3}");

    public WorkflowVersion {
        Objects.requireNonNull(text, "version");
        text = canonical(text.trim());
    }

    public static WorkflowVersion parse(String text) {
        return new WorkflowVersion(text);
    }

    public static WorkflowVersion of(int major) {
        if (major < 0) {
            throw new IllegalArgumentException("version must not be negative: " + major);
        }
        return new WorkflowVersion(Integer.toString(major));
    }

    private static String canonical(String raw) {
        if (!SHAPE.matcher(raw).matches()) {
            throw new IllegalArgumentException(
                    "version must be dot-separated numbers such as \"1\" or \"1.2\" but was \"" + raw + "\"");
        }
        int[] parts = segments(raw);
        int length = parts.length;
        while (length > 1 && parts[length - 1] == 0) {
            length--;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(parts[i]);
        }
        return out.toString();
    }

    private static int[] segments(String text) {
        return Arrays.stream(text.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    @Override
    public int compareTo(WorkflowVersion other) {
        return Arrays.compare(segments(text), segments(other.text));
    }

    @Override
    public String toString() {
        return text;
    }
}
