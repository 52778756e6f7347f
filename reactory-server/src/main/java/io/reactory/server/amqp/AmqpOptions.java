package io.reactory.server.amqp;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the AMQP adapter connects and what it consumes and publishes. Build with {@link #builder(URI)}; every field is
 * validated here and a bad one is named. Queue or exchange fields set to null switch that part off.
 *
 * @param uri                    {@code amqp://host:5672/vhost} or {@code amqps://...}; credentials are better given
 *                               as {@code username}/{@code password} (from the environment) than in the URI
 * @param username               null: from the URI, else the client's default ({@code guest})
 * @param password               null: from the URI, else the client's default; never logged
 * @param connectionName         shown by the broker ({@code rabbitmqctl list_connections client_properties});
 *                               {@code -consume} and {@code -publish} are appended for the two connections
 * @param principal              whom the listener starts workflows as (permissions, audit)
 * @param principalNamespace     the namespace the principal acts in ({@code *}: every namespace, the default)
 * @param principalRoles         the principal's roles, for permission checks (default {@code operator}: start
 *                               workflows and publish events)
 * @param triggerQueue           start requests ({@code workflow.trigger}); null: no trigger consumer
 * @param triggerDeadLetterQueue where refused start requests go, with the reason in a header
 * @param eventQueue             events for running workflows ({@code workflow.event}); null: no event consumer
 * @param eventDeadLetterQueue   where refused event messages go
 * @param eventExchange          when set, the event queue is bound to this topic exchange with
 *                               {@code eventRoutingKey} (null: producers publish to the queue directly)
 * @param eventRoutingKey        the binding's pattern ({@code #} by default)
 * @param exchange               the topic exchange lifecycle events and alerts are published to
 *                               ({@code reactory.events}); null: nothing is published
 * @param prefetch               unacknowledged messages per consumer, which also bounds concurrent starts
 * @param maxAttempts            deliveries of one message that fail for a transient reason (store unreachable)
 *                               before it is dead-lettered with reason {@code retries-exhausted}
 * @param retryBackoff           wait before the first redelivery after a transient failure; doubles per attempt
 * @param maxRetryBackoff        the longest such wait
 * @param maxMessageBytes        larger messages are dead-lettered with reason {@code message-too-large}
 * @param declareTopology        declare the queues, exchange and binding (durable) at connect and after recovery;
 *                               false: they must exist (checked at connect)
 * @param relayBatchSize         outbox messages published per confirm round trip
 * @param relayPollInterval      how often the relay looks for messages written by other nodes
 * @param confirmTimeout         how long the broker may take to confirm a batch before it is sent again
 * @param recoveryInterval       wait between reconnection attempts
 * @param shutdownTimeout        how long {@code close()} lets messages in progress finish
 */
public record AmqpOptions(URI uri, String username, String password, String connectionName, String principal,
                          String principalNamespace, Set<String> principalRoles, String triggerQueue, String triggerDeadLetterQueue, String eventQueue,
                          String eventDeadLetterQueue, String eventExchange, String eventRoutingKey, String exchange,
                          int prefetch, int maxAttempts, Duration retryBackoff, Duration maxRetryBackoff,
                          int maxMessageBytes, boolean declareTopology, int relayBatchSize,
                          Duration relayPollInterval, Duration confirmTimeout, Duration recoveryInterval,
                          Duration shutdownTimeout) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:\\-]{1,200}");

    public AmqpOptions {
        Objects.requireNonNull(uri, "uri");
        if (!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme())) {
            throw new IllegalArgumentException("uri must start with amqp:// or amqps:// but was " + uri.getScheme() + "://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("uri must name a host");
        }
        name("connectionName", connectionName, true);
        name("principal", principal, true);
        Objects.requireNonNull(principalNamespace, "principalNamespace");
        if (principalNamespace.isBlank()) {
            throw new IllegalArgumentException("principalNamespace must not be blank");
        }
        principalRoles = principalRoles == null ? Set.of() : Set.copyOf(principalRoles);
        for (String role : principalRoles) {
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("principalRoles must not contain blank roles");
            }
        }
        name("triggerQueue", triggerQueue, false);
        name("eventQueue", eventQueue, false);
        name("exchange", exchange, false);
        name("eventExchange", eventExchange, false);
        if (triggerQueue != null) {
            name("triggerDeadLetterQueue", triggerDeadLetterQueue, true);
            distinct("triggerDeadLetterQueue", triggerDeadLetterQueue, triggerQueue);
        }
        if (eventQueue != null) {
            name("eventDeadLetterQueue", eventDeadLetterQueue, true);
            distinct("eventDeadLetterQueue", eventDeadLetterQueue, eventQueue);
            distinct("eventQueue", eventQueue, triggerQueue);
        }
        if (eventExchange != null && (eventRoutingKey == null || eventRoutingKey.isEmpty() || eventRoutingKey.length() > 255)) {
            throw new IllegalArgumentException("eventRoutingKey must be 1 to 255 characters when eventExchange is set");
        }
        range("prefetch", prefetch, 1, 10_000);
        range("maxAttempts", maxAttempts, 1, 1_000);
        range("maxMessageBytes", maxMessageBytes, 1_024, 64 * 1024 * 1024);
        range("relayBatchSize", relayBatchSize, 1, 10_000);
        positive("retryBackoff", retryBackoff);
        positive("maxRetryBackoff", maxRetryBackoff);
        if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("maxRetryBackoff must not be shorter than retryBackoff");
        }
        positive("relayPollInterval", relayPollInterval);
        positive("confirmTimeout", confirmTimeout);
        positive("recoveryInterval", recoveryInterval);
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }

    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /**
     * True when lifecycle events are published ({@link #exchange()} is set): the runner must then be built with
     * {@code RunnerOptions.withLifecycleOutbox(true)}.
     */
    public boolean publishesLifecycleEvents() {
        return exchange != null;
    }

    /** The password is never shown. */
    @Override
    public String toString() {
        return "AmqpOptions[uri=" + withoutUserInfo(uri) + ", username=" + username + ", connectionName=" + connectionName
                + ", principal=" + principal + ", triggerQueue=" + triggerQueue + ", eventQueue=" + eventQueue
                + ", exchange=" + exchange + ", prefetch=" + prefetch + "]";
    }

    static String withoutUserInfo(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static void name(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException(field + " must be set");
            }
            return;
        }
        if (!NAME.matcher(value).matches() || value.startsWith("amq.")) {
            throw new IllegalArgumentException(field + " must be 1 to 200 letters, digits or . _ - : and must not start"
                    + " with 'amq.' but was '" + value + "'");
        }
    }

    private static void distinct(String field, String value, String other) {
        if (value != null && value.equals(other)) {
            throw new IllegalArgumentException(field + " must differ from the queue it serves ('" + value + "')");
        }
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + " but was " + value);
        }
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive but was " + value);
        }
    }

    /** Defaults in one place: the specification's queue {@code workflow.trigger} and exchange {@code reactory.events}. */
    public static final class Builder {
        private final URI uri;
        private String username;
        private String password;
        private String connectionName = "reactory";
        private String principal = "amqp";
        private String principalNamespace = "*";
        private Set<String> principalRoles = Set.of("operator");
        private String triggerQueue = "workflow.trigger";
        private String triggerDeadLetterQueue;
        private String eventQueue = "workflow.event";
        private String eventDeadLetterQueue;
        private String eventExchange;
        private String eventRoutingKey = "#";
        private String exchange = "reactory.events";
        private int prefetch = 64;
        private int maxAttempts = 10;
        private Duration retryBackoff = Duration.ofSeconds(1);
        private Duration maxRetryBackoff = Duration.ofSeconds(30);
        private int maxMessageBytes = 1024 * 1024;
        private boolean declareTopology = true;
        private int relayBatchSize = 256;
        private Duration relayPollInterval = Duration.ofSeconds(1);
        private Duration confirmTimeout = Duration.ofSeconds(10);
        private Duration recoveryInterval = Duration.ofSeconds(2);
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        public Builder credentials(String value, String secret) {
            this.username = value;
            this.password = secret;
            return this;
        }

        public Builder connectionName(String value) {
            this.connectionName = value;
            return this;
        }

        public Builder principal(String value) {
            this.principal = value;
            return this;
        }

        /** The principal's namespace and roles, for the security layer's permission checks. */
        public Builder principalAccess(String namespace, Set<String> roles) {
            this.principalNamespace = namespace;
            this.principalRoles = roles;
            return this;
        }

        /** The start-request queue; its dead-letter queue defaults to {@code <queue>.dead-letter}. */
        public Builder triggerQueue(String value) {
            this.triggerQueue = value;
            return this;
        }

        public Builder triggerDeadLetterQueue(String value) {
            this.triggerDeadLetterQueue = value;
            return this;
        }

        /** The event queue; its dead-letter queue defaults to {@code <queue>.dead-letter}. */
        public Builder eventQueue(String value) {
            this.eventQueue = value;
            return this;
        }

        public Builder eventDeadLetterQueue(String value) {
            this.eventDeadLetterQueue = value;
            return this;
        }

        public Builder eventBinding(String exchangeName, String routingKey) {
            this.eventExchange = exchangeName;
            this.eventRoutingKey = routingKey;
            return this;
        }

        public Builder exchange(String value) {
            this.exchange = value;
            return this;
        }

        public Builder prefetch(int value) {
            this.prefetch = value;
            return this;
        }

        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        public Builder retryBackoff(Duration initial, Duration maximum) {
            this.retryBackoff = initial;
            this.maxRetryBackoff = maximum;
            return this;
        }

        public Builder maxMessageBytes(int value) {
            this.maxMessageBytes = value;
            return this;
        }

        public Builder declareTopology(boolean value) {
            this.declareTopology = value;
            return this;
        }

        public Builder relayBatchSize(int value) {
            this.relayBatchSize = value;
            return this;
        }

        public Builder relayPollInterval(Duration value) {
            this.relayPollInterval = value;
            return this;
        }

        public Builder confirmTimeout(Duration value) {
            this.confirmTimeout = value;
            return this;
        }

        public Builder recoveryInterval(Duration value) {
            this.recoveryInterval = value;
            return this;
        }

        public Builder shutdownTimeout(Duration value) {
            this.shutdownTimeout = value;
            return this;
        }

        public AmqpOptions build() {
            String triggerDlq = triggerDeadLetterQueue != null || triggerQueue == null ? triggerDeadLetterQueue
                    : triggerQueue + ".dead-letter";
            String eventDlq = eventDeadLetterQueue != null || eventQueue == null ? eventDeadLetterQueue
                    : eventQueue + ".dead-letter";
            return new AmqpOptions(uri, username, password, connectionName, principal, principalNamespace,
                    principalRoles, triggerQueue, triggerDlq,
                    eventQueue, eventDlq, eventExchange, eventExchange == null ? null : eventRoutingKey, exchange,
                    prefetch, maxAttempts, retryBackoff, maxRetryBackoff, maxMessageBytes, declareTopology,
                    relayBatchSize, relayPollInterval, confirmTimeout, recoveryInterval, shutdownTimeout);
        }
    }
}
