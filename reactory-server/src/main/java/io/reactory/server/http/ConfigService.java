package io.reactory.server.http;

import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.config.WorkflowConfig;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code /workflow/configs} routes and the security manager need from the configuration. The
 * ConfigurationManager (issue 7) implements it when it lands; until then {@link DirectoryConfigService} reads the
 * YAML once at start. Thread-safe.
 */
public interface ConfigService {

    List<WorkflowConfig> workflows();

    Optional<WorkflowConfig> workflow(String workflowId);

    List<ScheduleConfig> schedules();

    /** No configuration at all. */
    static ConfigService empty() {
        return new ConfigService() {
            @Override
            public List<WorkflowConfig> workflows() {
                return List.of();
            }

            @Override
            public Optional<WorkflowConfig> workflow(String workflowId) {
                return Optional.empty();
            }

            @Override
            public List<ScheduleConfig> schedules() {
                return List.of();
            }
        };
    }

    /** The given configurations (tests, embedding). */
    static ConfigService of(List<WorkflowConfig> workflows, List<ScheduleConfig> schedules) {
        List<WorkflowConfig> w = List.copyOf(workflows);
        List<ScheduleConfig> s = List.copyOf(schedules);
        return new ConfigService() {
            @Override
            public List<WorkflowConfig> workflows() {
                return w;
            }

            @Override
            public Optional<WorkflowConfig> workflow(String workflowId) {
                return w.stream().filter(c -> workflowId.equals(c.id())).findFirst();
            }

            @Override
            public List<ScheduleConfig> schedules() {
                return s;
            }
        };
    }
}
