package io.reactory.workflow.config.expression;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A compiled CEL expression from a declarative workflow: immutable and thread-safe; each evaluation is bounded by
 * the sandbox's {@link ExpressionLimits}.
 */
public final class Expression {
    private final String source;
    private final Set<String> variables;
    private final CelRuntime.Program program;
    private final ExpressionLimits limits;

    Expression(String source, Set<String> variables, CelRuntime.Program program, ExpressionLimits limits) {
        this.source = source;
        this.variables = Set.copyOf(variables);
        this.program = program;
        this.limits = limits;
    }

    public String source() {
        return source;
    }

    /**
     * Evaluates with the given variables (plain Java values: maps, lists, strings, numbers, booleans, null).
     *
     * @return a plain Java value (Long, Double, String, Boolean, List, Map, Duration, Instant or null)
     * @throws ExpressionException when evaluation fails or exceeds its budget
     */
    public Object evaluate(Map<String, ?> values) {
        Map<String, Object> activation = new HashMap<>();
        for (String name : variables) {
            activation.put(name, CelValues.toCel(values.get(name)));
        }
        Budget budget = new Budget(limits);
        try {
            return CelValues.fromCel(program.trace(activation, budget));
        } catch (CelEvaluationException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof Budget.Exceeded)) {
                cause = cause.getCause();
            }
            if (cause instanceof Budget.Exceeded exceeded) {
                throw new ExpressionException("expression stopped: " + exceeded.getMessage(), 0);
            }
            if (e.getMessage() != null && e.getMessage().contains("Iteration budget exceeded")) {
                throw new ExpressionException("expression stopped: a comprehension ran more than "
                        + limits.maxIterations() + " iterations", 0);
            }
            throw new ExpressionException("expression failed: " + firstLine(e.getMessage()), 0);
        } catch (Budget.Exceeded exceeded) {
            throw new ExpressionException("expression stopped: " + exceeded.getMessage(), 0);
        }
    }

    /** Evaluates a condition; anything but a boolean is an error. */
    public boolean test(Map<String, ?> values) {
        Object result = evaluate(values);
        if (result instanceof Boolean b) {
            return b;
        }
        throw new ExpressionException("condition '" + source + "' did not evaluate to true or false", 0);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "evaluation error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public String toString() {
        return source;
    }

    /** Counts evaluated sub-expressions and checks the size of every intermediate value. */
    private static final class Budget implements dev.cel.runtime.CelEvaluationListener {
        private final ExpressionLimits limits;
        private int steps;

        Budget(ExpressionLimits limits) {
            this.limits = limits;
        }

        @Override
        public void callback(dev.cel.common.ast.CelExpr expr, Object value) {
            if (++steps > limits.maxSteps()) {
                throw new Exceeded("more than " + limits.maxSteps() + " evaluation steps");
            }
            if (value instanceof CharSequence text && text.length() > limits.maxStringChars()) {
                throw new Exceeded("a string grew past " + limits.maxStringChars() + " characters");
            }
            if (value instanceof Collection<?> c && c.size() > limits.maxCollection()) {
                throw new Exceeded("a list grew past " + limits.maxCollection() + " elements");
            }
            if (value instanceof Map<?, ?> m && m.size() > limits.maxCollection()) {
                throw new Exceeded("a map grew past " + limits.maxCollection() + " entries");
            }
            if (value instanceof com.google.protobuf.ByteString bytes && bytes.size() > limits.maxStringChars()) {
                throw new Exceeded("bytes grew past " + limits.maxStringChars());
            }
        }

        static final class Exceeded extends RuntimeException {
            Exceeded(String message) {
                super(message, null, false, false);
            }
        }
    }
}
