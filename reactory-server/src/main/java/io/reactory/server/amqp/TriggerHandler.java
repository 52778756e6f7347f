package io.reactory.server.amqp;

import com.rabbitmq.client.AMQP;
import io.reactory.workflow.api.IdempotencyKeys;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.WorkflowRunner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one start request into a started instance, through {@link WorkflowRunner#startWorkflow} like the REST API
 * (same interceptors: configuration defaults, disabled workflows, permissions of the bound caller). Knows nothing of
 * channels or acknowledgements: it only says what should happen to the delivery. Thread-safe.
 *
 * <p>The start is idempotent per message: with the message's {@code idempotencyKey}, else with its AMQP message id
 * ({@code amqp:<messageId>}), so a redelivered message returns the instance the first delivery started. Keys are
 * scoped to the listener's principal and the workflow ({@link IdempotencyKeys#scoped}), like the REST API's.
 */
final class TriggerHandler {
    static final String SOURCE = "reactory.source";
    static final String PRINCIPAL = "reactory.principal";
    static final String MESSAGE_ID = "reactory.messageId";
    private static final int MAX_KEY = 200;

    private final WorkflowRunner runner;
    private final CallerBinding binding;
    private final String principal;
    private final String queue;
    private final int maxBytes;
    private final Attempts attempts;

    TriggerHandler(WorkflowRunner runner, CallerBinding binding, AmqpOptions options, Attempts attempts) {
        this.runner = runner;
        this.binding = binding;
        this.principal = options.principal();
        this.queue = options.triggerQueue();
        this.maxBytes = options.maxMessageBytes();
        this.attempts = attempts;
    }

    Outcome handle(AMQP.BasicProperties props, byte[] body) {
        TriggerMessage message;
        try {
            message = TriggerMessage.parse(props, body, maxBytes);
        } catch (InvalidMessageException e) {
            return new Outcome.DeadLetter(e.reason(), e.getMessage(), 0);
        }
        String messageId = props == null || props.getMessageId() == null || props.getMessageId().isBlank() ? null
                : props.getMessageId();
        String key = scopedKey(message, messageId);
        String attemptKey = key != null ? key : "sha256:" + sha256(body);
        StartOptions options;
        try {
            options = new StartOptions(message.priority(), message.reference(), metadata(message, messageId), key,
                    null, null);
        } catch (IllegalArgumentException e) {
            return new Outcome.DeadLetter(DeadLetterReason.INVALID_MESSAGE, e.getMessage(), 0);
        }
        try {
            String id = binding.callAs(new AmqpCaller(principal, queue, messageId, AmqpCaller.START,
                            "workflow/" + message.workflowId()),
                    () -> runner.startWorkflow(message.workflowId(), message.version(), message.data(), options));
            attempts.succeeded(attemptKey);
            return new Outcome.Done(id);
        } catch (RuntimeException e) {
            Failures.Classified failure = Failures.classify(e);
            if (failure.permanent()) {
                return new Outcome.DeadLetter(failure.reason(), failure.detail(), attempts.failuresOf(attemptKey));
            }
            return attempts.failed(attemptKey, failure.detail());
        }
    }

    private Map<String, String> metadata(TriggerMessage message, String messageId) {
        Map<String, String> metadata = new LinkedHashMap<>(message.metadata());
        metadata.put(SOURCE, "amqp");
        metadata.put(PRINCIPAL, principal);
        if (messageId != null) {
            metadata.put(MESSAGE_ID, MessageFormat.cut(messageId));
        }
        return metadata;
    }

    /**
     * The stored key: the message's key (else {@code amqp:<messageId>}) scoped to the listener's principal and the
     * workflow, so a key (or a message id) reused for another workflow never returns that workflow's instance.
     */
    private String scopedKey(TriggerMessage message, String messageId) {
        String key = message.idempotencyKey() != null ? message.idempotencyKey() : fromMessageId(messageId);
        return key == null ? null : IdempotencyKeys.scoped("amqp", principal, message.workflowId(), key);
    }

    /** {@code amqp:<messageId>}, or its digest when that would exceed the key limit. */
    static String fromMessageId(String messageId) {
        if (messageId == null) {
            return null;
        }
        String key = "amqp:" + messageId;
        return key.length() <= MAX_KEY ? key : "amqp:sha256:" + sha256(messageId.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
