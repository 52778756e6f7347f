package io.reactory.workflow.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Map;

/**
 * A schedule's configuration, field for field as the specification's {@code config/schedules/*.yml}:
 *
 * <pre>
 * id: "daily-reports"
 * name: "Daily Report Generation"
 * description: "..."
 * workflow: { id: "generate-reports", version: "1.0", nameSpace: "reporting" }
 * schedule: { cron: "0 6 * * *", timezone: "UTC", enabled: true }
 * properties: { reportTypes: [...], outputPath: "/reports/daily" }
 * retry: { attempts: 3, delay: 300 }   # delay in seconds
 * timeout: 1800                        # seconds
 * maxConcurrent: 1
 * </pre>
 *
 * The {@code schedule} section also takes the policies the specification leaves open (misfire, overlap, DST); absent
 * fields are null and take their documented defaults where the scheduler applies them.
 *
 * @param timeoutSeconds the YAML {@code timeout}, in seconds as the specification writes it here
 */
public record ScheduleConfig(String id, String name, String description, WorkflowRef workflow, Timing schedule,
                             Map<String, Object> properties, Retry retry, @JsonProperty("timeout") Long timeoutSeconds,
                             Integer maxConcurrent) {

    public ScheduleConfig {
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }

    @JsonIgnore
    public Duration timeout() {
        return timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
    }

    /** Which workflow a schedule starts. */
    public record WorkflowRef(String id, String version, String nameSpace) {}

    /**
     * When it fires.
     *
     * @param misfire     what a restart does about fire times missed while down: {@code fire-once} (default),
     *                    {@code fire-all}, {@code skip}
     * @param catchUpWindow how far back missed fire times count, ISO-8601 duration (e.g. {@code PT6H}); null: scheduler default
     * @param overlap     what a due firing does while earlier runs are in flight: {@code skip} (default),
     *                    {@code buffer-one}, {@code allow}
     * @param dstGap      a local time that does not exist (spring forward): {@code shift} (default) or {@code skip}
     * @param dstOverlap  a local time that occurs twice (fall back): {@code first} (default) or {@code both}
     */
    public record Timing(String cron, String timezone, Boolean enabled, String misfire, String catchUpWindow,
                         String overlap, String dstGap, String dstOverlap) {
        @JsonIgnore
        public boolean isEnabled() {
            return enabled == null || enabled;
        }
    }

    /** Retries of a failed scheduled run: {@code attempts} in all, {@code delay} seconds apart. */
    public record Retry(Integer attempts, Long delay) {
        @JsonIgnore
        public Duration delayDuration() {
            return delay == null ? null : Duration.ofSeconds(delay);
        }
    }
}
