package io.reactory.workflow.scheduling;

import io.reactory.workflow.config.ScheduleConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds schedule configurations for tests, field by field as the YAML has them. */
final class TestSchedules {
    String id;
    String workflowId = "report";
    String version;
    String nameSpace;
    String cron;
    String timezone = "UTC";
    Boolean enabled;
    String misfire;
    String catchUpWindow;
    String overlap;
    String dstGap;
    String dstOverlap;
    Map<String, Object> properties = new LinkedHashMap<>();
    Integer attempts;
    Long delay;
    Long timeout;
    Integer maxConcurrent;

    private TestSchedules(String id, String cron) {
        this.id = id;
        this.cron = cron;
    }

    static TestSchedules schedule(String id, String cron) {
        return new TestSchedules(id, cron);
    }

    TestSchedules workflow(String value) {
        workflowId = value;
        return this;
    }

    TestSchedules version(String value) {
        version = value;
        return this;
    }

    TestSchedules timezone(String value) {
        timezone = value;
        return this;
    }

    TestSchedules enabled(boolean value) {
        enabled = value;
        return this;
    }

    TestSchedules misfire(String value) {
        misfire = value;
        return this;
    }

    TestSchedules catchUpWindow(String value) {
        catchUpWindow = value;
        return this;
    }

    TestSchedules overlap(String value) {
        overlap = value;
        return this;
    }

    TestSchedules dst(String gap, String repeated) {
        dstGap = gap;
        dstOverlap = repeated;
        return this;
    }

    TestSchedules property(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    TestSchedules retry(Integer attemptsInAll, Long delaySeconds) {
        attempts = attemptsInAll;
        delay = delaySeconds;
        return this;
    }

    TestSchedules timeout(Long seconds) {
        timeout = seconds;
        return this;
    }

    TestSchedules maxConcurrent(Integer value) {
        maxConcurrent = value;
        return this;
    }

    ScheduleConfig build() {
        return new ScheduleConfig(id, "Schedule " + id, null,
                new ScheduleConfig.WorkflowRef(workflowId, version, nameSpace),
                new ScheduleConfig.Timing(cron, timezone, enabled, misfire, catchUpWindow, overlap, dstGap, dstOverlap),
                properties,
                attempts == null && delay == null ? null : new ScheduleConfig.Retry(attempts, delay),
                timeout, maxConcurrent);
    }
}
