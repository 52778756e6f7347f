package io.reactory.workflow.resilience;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ErrorHandler's runner-wide settings: error classifiers (in order) and circuit breaker options per dependency.
 * A dependency that steps declare but that has no options here gets {@code defaultCircuitBreaker}.
 *
 * <pre>{@code
 * WorkflowRunner runner = WorkflowRunner.builder()
 *         .errorHandler(ErrorHandlerOptions.DEFAULT
 *                 .withCircuitBreaker("payments", CircuitBreakerOptions.builder().consecutiveFailures(3).build())
 *                 .withClassifier(ErrorClassifier.nonRetryableWhen(e -> e instanceof IllegalArgumentException)))
 *         .build();
 * }</pre>
 */
public record ErrorHandlerOptions(List<ErrorClassifier> classifiers, CircuitBreakerOptions defaultCircuitBreaker,
                                  Map<String, CircuitBreakerOptions> circuitBreakers) {

    public static final ErrorHandlerOptions DEFAULT = new ErrorHandlerOptions(List.of(), CircuitBreakerOptions.DEFAULT,
            Map.of());

    public ErrorHandlerOptions {
        classifiers = List.copyOf(classifiers == null ? List.of() : classifiers);
        Objects.requireNonNull(defaultCircuitBreaker, "defaultCircuitBreaker");
        circuitBreakers = circuitBreakers == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(circuitBreakers));
        circuitBreakers.forEach((name, options) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("circuit breaker names must not be blank");
            }
            Objects.requireNonNull(options, "options of circuit breaker '" + name + "'");
        });
    }

    /** These options plus a classifier consulted after the ones already there. */
    public ErrorHandlerOptions withClassifier(ErrorClassifier classifier) {
        List<ErrorClassifier> list = new ArrayList<>(classifiers);
        list.add(Objects.requireNonNull(classifier, "classifier"));
        return new ErrorHandlerOptions(list, defaultCircuitBreaker, circuitBreakers);
    }

    /** These options with the breaker of {@code dependency} configured. */
    public ErrorHandlerOptions withCircuitBreaker(String dependency, CircuitBreakerOptions options) {
        Map<String, CircuitBreakerOptions> map = new LinkedHashMap<>(circuitBreakers);
        map.put(dependency, options);
        return new ErrorHandlerOptions(classifiers, defaultCircuitBreaker, map);
    }

    /** These options with other defaults for breakers that are not configured by name. */
    public ErrorHandlerOptions withDefaultCircuitBreaker(CircuitBreakerOptions options) {
        return new ErrorHandlerOptions(classifiers, options, circuitBreakers);
    }
}
