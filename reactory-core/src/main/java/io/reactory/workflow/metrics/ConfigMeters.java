package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.reactory.workflow.config.ConfigurationListener;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.config.ConfigurationSet;
import io.reactory.workflow.config.ValidationResult;

/**
 * Configuration reload outcomes (read from the manager's {@code status()} at scrape time), and the trigger that makes
 * the engine meters re-read the workflows' {@code monitoring} sections after each applied reload.
 */
final class ConfigMeters implements ConfigurationListener {
    private final EngineMeters engine;

    private ConfigMeters(EngineMeters engine) {
        this.engine = engine;
    }

    static void bind(ConfigurationManager manager, MeterRegistry registry, EngineMeters engine) {
        ReactoryMetrics.CONFIG_RELOADS.functionCounter(registry, manager, m -> m.status().applied(), "applied");
        ReactoryMetrics.CONFIG_RELOADS.functionCounter(registry, manager, m -> m.status().rejected(), "rejected");
        ReactoryMetrics.CONFIG_STALE.gauge(registry, manager, m -> m.status().isStale() ? 1 : 0);
        ReactoryMetrics.CONFIG_GENERATION.gauge(registry, manager, m -> m.status().generation());
        engine.configurations(manager::workflowConfig);
        manager.addListener(new ConfigMeters(engine));
    }

    @Override
    public void applied(ConfigurationSet current, ConfigurationSet previous) {
        engine.configurationChanged();
    }

    @Override
    public void rejected(ValidationResult problems) {
        // the configuration in force did not change
    }
}
