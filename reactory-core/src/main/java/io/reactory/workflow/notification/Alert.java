package io.reactory.workflow.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reactory.workflow.resilience.CircuitBreakerState;
import io.reactory.workflow.resilience.CircuitBreakerTransition;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something an operator should hear about that is not an instance's status change: a circuit breaker opened, a
 * schedule misfired or failed to start its run. Sent as {@code alert.<source>.<name>.<subject>}.
 *
 * <pre>{@code
 * alerts.publish(Alert.of("circuit-breaker", "open", "payment-service", Alert.Severity.WARNING,
 *         "circuit breaker opened after 5 failures", Map.of("from", "CLOSED", "to", "OPEN"), clock.instant()));
 * }</pre>
 *
 * @param source   what raised it: {@code circuit-breaker}, {@code scheduler}; lower case letters, digits, {@code -}
 * @param name     what happened: {@code open}, {@code half-open}, {@code closed}, {@code misfire}; same characters
 * @param subject  what it is about: the dependency or schedule id (free text, no dots needed)
 * @param message  a sentence for people; never workflow data or secrets
 * @param details  further fields for machines (states, counts, ids)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(String source, String name, String subject, Severity severity, String message,
                   Map<String, String> details, Instant at) {
    private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }

    public Alert {
        word("source", source);
        word("name", name);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static Alert of(String source, String name, String subject, Severity severity, String message,
                           Map<String, String> details, Instant at) {
        return new Alert(source, name, subject, severity, message, details, at);
    }

    /**
     * The alert for a circuit breaker's change of state: {@code alert.circuit-breaker.<open|half-open|closed>.<dependency>};
     * opening is a warning, the rest information.
     */
    public static Alert circuitBreaker(CircuitBreakerTransition transition) {
        String to = transition.to().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new Alert("circuit-breaker", to, transition.dependency(),
                transition.to() == CircuitBreakerState.OPEN ? Severity.WARNING : Severity.INFO,
                "circuit breaker '" + transition.dependency() + "' went from " + transition.from() + " to "
                        + transition.to(),
                Map.of("dependency", transition.dependency(), "from", transition.from().name(),
                        "to", transition.to().name()),
                transition.at());
    }

    /** {@code alert.<source>.<name>}. */
    public String type() {
        return "alert." + source + "." + name;
    }

    private static void word(String field, String value) {
        if (value == null || !WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 63 lower-case letters, digits or '-' but was '"
                    + value + "'");
        }
    }
}
