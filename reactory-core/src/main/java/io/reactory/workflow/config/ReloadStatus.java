package io.reactory.workflow.config;

import java.time.Instant;
import java.util.List;

/**
 * How configuration reloads went, for operators, the API and metrics. Immutable snapshot.
 *
 * @param generation   generation of the configuration in force
 * @param hotReload    whether files are being watched
 * @param applied      reloads applied since start (the initial load included)
 * @param rejected     reloads refused because the changed configuration was invalid
 * @param lastAppliedAt when the configuration in force was applied
 * @param last         the most recent reload attempt, or null before the first
 * @param recent       the latest attempts, newest first (at most 20)
 */
public record ReloadStatus(long generation, boolean hotReload, long applied, long rejected, Instant lastAppliedAt,
                           Outcome last, List<Outcome> recent) {

    public ReloadStatus {
        recent = List.copyOf(recent);
    }

    /** True when the last attempt was refused: the configuration in force is older than the files. */
    public boolean isStale() {
        return last != null && last.result() == Result.REJECTED;
    }

    /** What a reload attempt did. */
    public enum Result {
        APPLIED,
        UNCHANGED,
        REJECTED
    }

    /**
     * One reload attempt.
     *
     * @param trigger  {@code start}, {@code file-change}, {@code save}, {@code migrate} or {@code manual}
     * @param problems why it was refused (errors), or warnings of an applied one
     */
    public record Outcome(Instant at, String trigger, Result result, long generation, List<ConfigProblem> problems) {
        public Outcome {
            problems = List.copyOf(problems);
        }
    }
}
