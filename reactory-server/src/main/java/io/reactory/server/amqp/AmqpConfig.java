package io.reactory.server.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the {@code amqp:} section of the server's configuration file into {@link AmqpOptions}; no section means the
 * adapter is off. Credentials never sit in the file: they come from the environment variables named by
 * {@code usernameEnv} / {@code passwordEnv} (default {@code REACTORY_AMQP_USERNAME} / {@code REACTORY_AMQP_PASSWORD}).
 *
 * <pre>
 * amqp:
 *   uri: amqp://rabbit.internal:5672/reactory
 *   principal: amqp-listener
 *   triggerQueue: workflow.trigger        # ~ switches the trigger consumer off
 *   eventQueue: workflow.event            # ~ switches the event consumer off
 *   exchange: reactory.events             # ~ switches lifecycle publishing off
 *   prefetch: 64
 *   retryBackoff: PT1S
 * </pre>
 *
 * Every other {@link AmqpOptions} field can be set by its name; durations are ISO-8601. An unknown key or a bad value
 * is an error naming {@code amqp.<key>}.
 */
public final class AmqpConfig {
    static final String USERNAME_ENV = "REACTORY_AMQP_USERNAME";
    static final String PASSWORD_ENV = "REACTORY_AMQP_PASSWORD";
    private static final Set<String> KEYS = Set.of("uri", "usernameEnv", "passwordEnv", "connectionName", "principal",
            "principalNamespace", "principalRoles",
            "triggerQueue", "triggerDeadLetterQueue", "eventQueue", "eventDeadLetterQueue", "eventExchange",
            "eventRoutingKey", "exchange", "prefetch", "maxAttempts", "retryBackoff", "maxRetryBackoff",
            "maxMessageBytes", "declareTopology", "relayBatchSize", "relayPollInterval", "confirmTimeout",
            "recoveryInterval", "shutdownTimeout");

    private AmqpConfig() {}

    /**
     * @return the options of the file's {@code amqp:} section, or empty when it has none
     * @throws IllegalArgumentException naming the file and key when the section is invalid
     */
    public static Optional<AmqpOptions> read(Path file, Map<String, String> env) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the configuration: " + e.getMessage(), e);
        }
        if (root == null || !root.has("amqp") || root.get("amqp").isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromSection(root.get("amqp"), env));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The options of one {@code amqp:} section. */
    public static AmqpOptions fromSection(JsonNode section, Map<String, String> env) {
        if (!section.isObject()) {
            throw new IllegalArgumentException("amqp must be a mapping");
        }
        for (Iterator<String> names = section.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("amqp." + name + ": unknown key; the keys are "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        String uri = text(section, "uri");
        if (uri == null) {
            throw new IllegalArgumentException("amqp.uri is required");
        }
        AmqpOptions.Builder b;
        try {
            b = AmqpOptions.builder(URI.create(uri));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("amqp.uri is not a URI: " + e.getMessage(), e);
        }
        b.credentials(secret(section, "usernameEnv", USERNAME_ENV, env), secret(section, "passwordEnv", PASSWORD_ENV, env));
        set(section, "connectionName", b::connectionName);
        set(section, "principal", b::principal);
        if (section.has("principalNamespace") || section.has("principalRoles")) {
            String namespace = section.has("principalNamespace") ? text(section, "principalNamespace") : "*";
            b.principalAccess(namespace == null ? "*" : namespace,
                    section.has("principalRoles") ? roles(section.get("principalRoles")) : Set.of("operator"));
        }
        set(section, "triggerQueue", b::triggerQueue);
        set(section, "triggerDeadLetterQueue", b::triggerDeadLetterQueue);
        set(section, "eventQueue", b::eventQueue);
        set(section, "eventDeadLetterQueue", b::eventDeadLetterQueue);
        if (section.has("eventExchange")) {
            b.eventBinding(text(section, "eventExchange"),
                    section.has("eventRoutingKey") ? text(section, "eventRoutingKey") : "#");
        }
        set(section, "exchange", b::exchange);
        integer(section, "prefetch", b::prefetch);
        integer(section, "maxAttempts", b::maxAttempts);
        integer(section, "maxMessageBytes", b::maxMessageBytes);
        integer(section, "relayBatchSize", b::relayBatchSize);
        if (section.has("declareTopology")) {
            JsonNode node = section.get("declareTopology");
            if (!node.isBoolean()) {
                throw new IllegalArgumentException("amqp.declareTopology must be true or false");
            }
            b.declareTopology(node.booleanValue());
        }
        Duration backoff = duration(section, "retryBackoff");
        Duration maxBackoff = duration(section, "maxRetryBackoff");
        if (backoff != null || maxBackoff != null) {
            b.retryBackoff(backoff != null ? backoff : Duration.ofSeconds(1),
                    maxBackoff != null ? maxBackoff : Duration.ofSeconds(30));
        }
        durationIfSet(section, "relayPollInterval", b::relayPollInterval);
        durationIfSet(section, "confirmTimeout", b::confirmTimeout);
        durationIfSet(section, "recoveryInterval", b::recoveryInterval);
        durationIfSet(section, "shutdownTimeout", b::shutdownTimeout);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("amqp: " + e.getMessage(), e);
        }
    }

    private static String secret(JsonNode section, String key, String defaultVariable, Map<String, String> env) {
        String variable = text(section, key);
        String value = env.get(variable != null ? variable : defaultVariable);
        if (variable != null && value == null) {
            throw new IllegalArgumentException("amqp." + key + ": environment variable " + variable + " is not set");
        }
        return value;
    }

    private static Set<String> roles(JsonNode node) {
        Set<String> roles = new java.util.LinkedHashSet<>();
        if (node.isArray()) {
            for (JsonNode role : node) {
                if (!role.isTextual()) {
                    throw new IllegalArgumentException("amqp.principalRoles must be a list of role names");
                }
                roles.add(role.textValue());
            }
        } else if (node.isTextual()) {
            roles.addAll(java.util.Arrays.asList(node.textValue().split("\\s*,\\s*")));
        } else if (!node.isNull()) {
            throw new IllegalArgumentException("amqp.principalRoles must be a list of role names");
        }
        return roles;
    }

    private static void set(JsonNode section, String key, Consumer<String> setter) {
        if (section.has(key)) {
            setter.accept(text(section, key)); // an explicit null switches the part off
        }
    }

    private static String text(JsonNode section, String key) {
        JsonNode node = section.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("amqp." + key + " must be a string");
        }
        return node.textValue();
    }

    private static void integer(JsonNode section, String key, java.util.function.IntConsumer setter) {
        JsonNode node = section.get(key);
        if (node == null) {
            return;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException("amqp." + key + " must be a whole number");
        }
        setter.accept(node.intValue());
    }

    private static Duration duration(JsonNode section, String key) {
        String text = text(section, key);
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("amqp." + key + " must be an ISO-8601 duration such as PT5S but was '"
                    + text + "'");
        }
    }

    private static void durationIfSet(JsonNode section, String key, Consumer<Duration> setter) {
        Duration value = duration(section, key);
        if (value != null) {
            setter.accept(value);
        }
    }
}
