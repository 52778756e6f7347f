package io.reactory.workflow.definition;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A workflow version: dot-separated non-negative numbers ({@code "1"}, {@code "1.0"}, {@code "2.3.1"}), ordered
 * numerically. Trailing zero segments do not count, so {@code "1"} and {@code "1.0"} are the same version (the
 * specification writes both). Immutable.
 */
public final class WorkflowVersion implements Comparable<WorkflowVersion> {
    private static final Pattern SHAPE = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){0,3}");

    private final String text;
    private final int[] segments;

    private WorkflowVersion(String text, int[] segments) {
        this.text = text;
        this.segments = segments;
    }

    /** @throws IllegalArgumentException when the text is not dot-separated numbers */
    public static WorkflowVersion parse(String text) {
        Objects.requireNonNull(text, "version");
        String raw = text.trim();
        if (!SHAPE.matcher(raw).matches()) {
            throw new IllegalArgumentException(
                    "version must be dot-separated numbers such as \"1\" or \"1.2\" but was \"" + raw + "\"");
        }
        String[] parts = raw.split("\\.");
        int length = parts.length;
        int[] numbers = new int[length];
        for (int i = 0; i < length; i++) {
            numbers[i] = Integer.parseInt(parts[i]);
        }
        while (length > 1 && numbers[length - 1] == 0) {
            length--;
        }
        int[] canonical = Arrays.copyOf(numbers, length);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(canonical[i]);
        }
        return new WorkflowVersion(out.toString(), canonical);
    }

    public static WorkflowVersion of(int major) {
        if (major < 0) {
            throw new IllegalArgumentException("version must not be negative: " + major);
        }
        return new WorkflowVersion(Integer.toString(major), new int[] {major});
    }

    /** The canonical text: {@code "1.0"} becomes {@code "1"}. */
    public String text() {
        return text;
    }

    @Override
    public int compareTo(WorkflowVersion other) {
        return Arrays.compare(segments, other.segments);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkflowVersion v && text.equals(v.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
