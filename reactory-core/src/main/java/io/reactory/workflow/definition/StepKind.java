package io.reactory.workflow.definition;

import io.reactory.workflow.api.EventData;
import io.reactory.workflow.api.StepBody;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a node of the definition graph does. Containers ({@link Parallel}, {@link If}, {@link Decide},
 * {@link ForEach}, {@link While}, {@link Saga}) hold chains of child steps, each named by the id of its first step.
 * Functions take the workflow data as {@code Object}: the typed builder wraps the user's typed lambdas.
 */
public sealed interface StepKind {

    /** A short lower-case word for diagrams, history and metrics. */
    String label();

    /** User code: a step class instantiated per activation, or a lambda. */
    record Task(Supplier<? extends StepBody<?>> factory, Class<?> bodyType,
                BiConsumer<Object, Object> input, BiConsumer<Object, Object> output) implements StepKind {
        @Override
        public String label() {
            return "task";
        }
    }

    /** Every branch runs; the node completes when all have completed (the join). */
    record Parallel(List<Integer> branches) implements StepKind {
        public Parallel {
            branches = List.copyOf(branches);
        }

        @Override
        public String label() {
            return "parallel";
        }
    }

    /** The body runs when the condition holds; either way the flow continues after it. */
    record If(Predicate<Object> condition, String description, int body) implements StepKind {
        @Override
        public String label() {
            return "if";
        }
    }

    /** Runs the branch whose value equals the selector's result, else {@code otherwise} (-1 for none). */
    record Decide(Function<Object, Object> selector, String description, Map<Object, Integer> cases, int otherwise)
            implements StepKind {
        public Decide {
            cases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cases));
        }

        @Override
        public String label() {
            return "decide";
        }
    }

    /** Runs the body once per item of the collection the function returns, in order or in parallel. */
    record ForEach(Function<Object, Object> items, String description, int body, boolean parallel) implements StepKind {
        @Override
        public String label() {
            return "foreach";
        }
    }

    /** Runs the body again and again while the condition holds (checked before each iteration). */
    record While(Predicate<Object> condition, String description, int body) implements StepKind {
        @Override
        public String label() {
            return "while";
        }
    }

    /**
     * A transaction of steps: when one fails for good, the compensations of the steps that completed run in reverse
     * order; then the workflow fails ({@code continueAfterCompensation == false}) or continues after the saga.
     */
    record Saga(int body, boolean continueAfterCompensation) implements StepKind {
        @Override
        public String label() {
            return "saga";
        }
    }

    /** A durable pause: persisted wake-up time, no thread held. */
    record Delay(Function<Object, Duration> duration, String description) implements StepKind {
        @Override
        public String label() {
            return "delay";
        }
    }

    /** Waits for an event with a key computed from the data; the event may have been published earlier. */
    record WaitFor(String eventName, Function<Object, String> key, String keyDescription,
                   BiConsumer<Object, EventData> output) implements StepKind {
        @Override
        public String label() {
            return "waitFor";
        }
    }

    /** Completes the workflow at once. */
    record End() implements StepKind {
        @Override
        public String label() {
            return "end";
        }
    }
}
