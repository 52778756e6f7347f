package io.reactory.workflow.scheduling;

/**
 * A local fire time that does not exist because the clocks spring forward (01:30 in London on the last Sunday of
 * March). YAML: {@code schedule.dstGap: shift | skip}.
 */
public enum DstGapPolicy {
    /**
     * Fire once, moved forward by the length of the gap (01:30 becomes 02:30 BST), as {@code java.time} resolves
     * such times. When the shifted time coincides with another fire time (an hourly schedule), it fires once. The
     * default.
     */
    SHIFT,
    /** No firing for that local time. */
    SKIP;

    public String configName() {
        return PolicyNames.configName(this);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static DstGapPolicy parse(String value) {
        return PolicyNames.parse(DstGapPolicy.class, value, SHIFT);
    }
}
