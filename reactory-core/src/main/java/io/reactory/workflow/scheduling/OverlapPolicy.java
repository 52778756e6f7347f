package io.reactory.workflow.scheduling;

/**
 * What a due firing does when the schedule already has {@code maxConcurrent} runs in flight. YAML:
 * {@code schedule.overlap: skip | buffer-one | allow}.
 */
public enum OverlapPolicy {
    /** The firing is skipped. The default (with {@code maxConcurrent} 1: a run never overlaps the previous one). */
    SKIP,
    /** The firing waits and starts as soon as a run finishes; at most one waits, later ones are skipped. */
    BUFFER_ONE,
    /**
     * Runs may overlap: {@code maxConcurrent} is unbounded unless set; when set and reached, firings wait (up to the
     * scheduler's buffer limit) and start one by one as runs finish, so none is lost.
     */
    ALLOW;

    public String configName() {
        return PolicyNames.configName(this);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static OverlapPolicy parse(String value) {
        return PolicyNames.parse(OverlapPolicy.class, value, SKIP);
    }
}
