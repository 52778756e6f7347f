package io.reactory.workflow.scheduling;

/**
 * What happens to fire times that were missed (the engine was down, or the scheduler was held up for longer than
 * the misfire threshold). Only missed times inside the schedule's catch-up window count; older ones are skipped.
 * YAML: {@code schedule.misfire: fire-once | fire-all | skip}.
 */
public enum MisfirePolicy {
    /** One run for the most recent missed time; the others are skipped. The default. */
    FIRE_ONCE,
    /**
     * A run for every missed time inside the catch-up window (the most recent ones, up to the scheduler's catch-up
     * limit), started one after another as {@code maxConcurrent} allows.
     */
    FIRE_ALL,
    /** No run for missed times; the schedule continues with its next fire time. */
    SKIP;

    /** The YAML spelling, e.g. {@code fire-once}. */
    public String configName() {
        return PolicyNames.configName(this);
    }

    /**
     * @param value {@code fire-once}, {@code fire-all} or {@code skip} (case and {@code -}/{@code _} do not matter);
     *              null for the default
     * @throws IllegalArgumentException naming the accepted values
     */
    public static MisfirePolicy parse(String value) {
        return PolicyNames.parse(MisfirePolicy.class, value, FIRE_ONCE);
    }
}
