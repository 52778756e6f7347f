package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Creates meters from their {@link ReactoryMetrics} definitions with every tag value passed through the guard. */
final class MeterFactory {
    final MeterRegistry registry;
    final TagGuard guard;

    MeterFactory(MeterRegistry registry, int maxTagValues) {
        this.registry = registry;
        this.guard = new TagGuard(maxTagValues, registry);
    }

    Counter counter(ReactoryMetrics.Definition definition, String... values) {
        return definition.counter(registry, guarded(definition, values));
    }

    Timer timer(ReactoryMetrics.Definition definition, String... values) {
        return definition.timer(registry, guarded(definition, values));
    }

    String[] guarded(ReactoryMetrics.Definition definition, String... values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length && i < definition.tags().size(); i++) {
            out[i] = guard.value(definition.name(), definition.tags().get(i), values[i]);
        }
        return out;
    }
}
