package io.reactory.server.http;

import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.config.ReloadStatus;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.config.WorkflowConfig;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code /workflow/configs} routes and the security manager need from the configuration: normally the
 * {@link ConfigurationManager} ({@link #of(ConfigurationManager)}), whose hot reloads these reads follow. Thread-safe.
 */
public interface ConfigService {

    List<WorkflowConfig> workflows();

    Optional<WorkflowConfig> workflow(String workflowId);

    List<ScheduleConfig> schedules();

    /** How configuration reloads went, or null when the configuration does not reload. */
    default ReloadStatus reloadStatus() {
        return null;
    }

    /** The configuration in force in {@code manager}, read anew on every call (so reloads show at once). */
    static ConfigService of(ConfigurationManager manager) {
        return new ConfigService() {
            @Override
            public List<WorkflowConfig> workflows() {
                return List.copyOf(manager.current().workflows().values());
            }

            @Override
            public Optional<WorkflowConfig> workflow(String workflowId) {
                return manager.workflowConfig(workflowId);
            }

            @Override
            public List<ScheduleConfig> schedules() {
                return List.copyOf(manager.current().schedules().values());
            }

            @Override
            public ReloadStatus reloadStatus() {
                return manager.status();
            }
        };
    }

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
