package io.reactory.server.amqp;

/**
 * Why a message was moved to a dead-letter queue: the value of its {@code x-reactory-reason} header. The codes are
 * stable; {@code x-reactory-error} says more in words.
 */
public enum DeadLetterReason {
    /** The body is not JSON. */
    MALFORMED_JSON("malformed-json"),
    /** JSON, but not the message format: not an object, a required field missing, a field of the wrong type or unknown. */
    INVALID_MESSAGE("invalid-message"),
    /** Larger than {@link AmqpOptions#maxMessageBytes()}. */
    MESSAGE_TOO_LARGE("message-too-large"),
    /** A content type other than JSON, or a content encoding other than UTF-8. */
    UNSUPPORTED_CONTENT_TYPE("unsupported-content-type"),
    /** No such workflow (version) is registered. */
    UNKNOWN_WORKFLOW("unknown-workflow"),
    /** The workflow's configuration says {@code enabled: false}. */
    WORKFLOW_DISABLED("workflow-disabled"),
    /** The data does not fit the workflow's data type, or a start interceptor found it invalid. */
    INVALID_DATA("invalid-data"),
    /** The idempotency key belongs to an instance of another workflow. */
    IDEMPOTENCY_CONFLICT("idempotency-conflict"),
    /** A start interceptor refused the start (for example: the listener's principal may not start it). */
    REFUSED("refused"),
    /** A transient failure (store unreachable) persisted for {@link AmqpOptions#maxAttempts()} deliveries. */
    RETRIES_EXHAUSTED("retries-exhausted");

    private final String code;

    DeadLetterReason(String code) {
        this.code = code;
    }

    /** The header value. */
    public String code() {
        return code;
    }
}
