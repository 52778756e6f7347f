package io.reactory.workflow.config.internal;

import io.reactory.workflow.config.StepTypeRegistry;
import io.reactory.workflow.config.expression.Expression;
import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A step of a declarative definition after reading and checking, before it is handed to the builder. */
sealed interface StepSpec {
    /** The explicit name, or null for the builder's default. */
    String name();

    /** Retry, failure behaviour, timeout and circuit breaker of a task step (nulls: the workflow's defaults). */
    record Policy(RetryOptions retry, ErrorBehavior onError, Duration timeout, String circuitBreaker) {
        static final Policy NONE = new Policy(null, null, null, null);
    }

    record Task(String name, StepTypeRegistry.StepType type, Map<String, Expression> inputs,
                Map<String, Expression> outputs, Policy policy, List<StepSpec> compensation) implements StepSpec {}

    record Parallel(String name, List<List<StepSpec>> branches) implements StepSpec {}

    record If(String name, Expression condition, List<StepSpec> body) implements StepSpec {}

    record ForEach(String name, Expression items, boolean parallel, List<StepSpec> body) implements StepSpec {}

    record While(String name, Expression condition, List<StepSpec> body) implements StepSpec {}

    record Decide(String name, Expression selector, Map<Object, List<StepSpec>> cases, List<StepSpec> otherwise)
            implements StepSpec {}

    /** A fixed delay, or one computed by an expression (a duration, or a number of seconds). */
    record Delay(String name, Duration fixed, Expression computed) implements StepSpec {}

    record WaitFor(String name, String event, Expression key, Map<String, Expression> outputs) implements StepSpec {}

    record Saga(String name, List<StepSpec> body, boolean continueAfterCompensation) implements StepSpec {}

    record End(String name) implements StepSpec {}
}
