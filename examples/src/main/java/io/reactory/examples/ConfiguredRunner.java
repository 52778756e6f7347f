package io.reactory.examples;

import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.config.StepTypeRegistry;
import java.nio.file.Path;

/** A runner whose workflows are configured (and partly defined) by the YAML files of {@code examples/config}. */
public final class ConfiguredRunner {
    private ConfiguredRunner() {}

    /** Starts a runner on the example configuration of {@code environment} (null: the base files). */
    public static ConfigurationManager start(WorkflowRunner runner, Path configDirectory, String environment) {
        // tag::configuration[]
        ConfigurationManager config = ConfigurationManager.builder(configDirectory)
                .environment(environment)                        // overlays of config/environments/<env>/
                .runner(runner)                                  // configuration takes effect on this runner
                .stepTypes(StepTypeRegistry.create()             // what YAML workflows may call, by name
                        .register("transform-batch", DeclarativeSteps.TransformBatch.class)
                        .register("validate-records", DeclarativeSteps.ValidateRecords.class)
                        .register("generate-report", DeclarativeSteps.GenerateReport.class)
                        .register("log", DeclarativeSteps.Log.class))
                .build();
        config.start();            // load, validate, apply; ConfigurationException lists every problem
        config.enableHotReload();  // edits apply within a second; an invalid edit is refused and reported
        // end::configuration[]
        return config;
    }
}
