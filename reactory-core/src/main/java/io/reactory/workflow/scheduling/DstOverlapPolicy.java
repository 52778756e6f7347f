package io.reactory.workflow.scheduling;

/**
 * A local fire time that occurs twice because the clocks fall back (01:30 in London on the last Sunday of
 * October). YAML: {@code schedule.dstOverlap: first | both}.
 */
public enum DstOverlapPolicy {
    /** Fire once, at the first occurrence (still summer time). The default. */
    FIRST,
    /** Fire at both occurrences, an hour apart. */
    BOTH;

    public String configName() {
        return PolicyNames.configName(this);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static DstOverlapPolicy parse(String value) {
        return PolicyNames.parse(DstOverlapPolicy.class, value, FIRST);
    }
}
