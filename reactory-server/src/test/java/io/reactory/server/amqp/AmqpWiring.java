package io.reactory.server.amqp;

import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.WorkflowStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a server wires the adapter from its configuration file (the README shows this code). */
final class AmqpWiring {
    private AmqpWiring() {}

    /** A runner (initialized) and, when the file has an {@code amqp:} section, its started adapter. */
    record Wired(WorkflowRunner runner, AmqpModule amqp) implements AutoCloseable {
        @Override
        public void close() {
            if (amqp != null) {
                amqp.close(); // the adapter first: deliveries in progress finish on a running engine
            }
            runner.close();
        }
    }

    static Wired wire(Path configFile, Map<String, String> env, WorkflowStore store, List<WorkflowDefinition> workflows,
                      CallerBinding binding) {
        // tag::amqp-wiring[]
        Optional<AmqpOptions> amqp = AmqpConfig.read(configFile, env); // the amqp: section; empty = adapter off
        WorkflowRunner runner = WorkflowRunner.builder()
                .store(store)
                .options(RunnerOptions.defaults()
                        .withLifecycleOutbox(amqp.map(AmqpOptions::publishesLifecycleEvents).orElse(false)))
                .build();
        workflows.forEach(runner::registerWorkflow);
        runner.initialize();
        AmqpModule module = amqp.map(options -> AmqpModule.builder(runner, options)
                .callerBinding(binding) // e.g. the security layer's: starts are checked as the configured principal
                .build()
                .start()).orElse(null);
        // end::amqp-wiring[]
        return new Wired(runner, module);
    }
}
