package io.reactory.workflow.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Idempotency keys as a channel (the REST API, the AMQP adapter) stores them: scoped to the caller and the workflow,
 * so one caller's key can never return another caller's instance, nor an instance of another workflow. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * StartOptions options = StartOptions.DEFAULT
 *         .withIdempotencyKey(IdempotencyKeys.scoped("http", user.id(), "order", requestKey));
 * }</pre>
 */
public final class IdempotencyKeys {
    private IdempotencyKeys() {}

    /**
     * {@code <channel>:<sha-256 hex of principal, workflow id and key>}: at most {@code channel.length() + 65}
     * characters whatever the key's length, and the same for the same four values.
     *
     * @param channel    a short prefix naming where the key came from ({@code http}, {@code amqp}); not null
     * @param principal  who asked (user id, listener principal); not null
     * @param workflowId the workflow to start; not null
     * @param key        the key the caller gave; not null
     */
    public static String scoped(String channel, String principal, String workflowId, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (principal + '\u0000' + workflowId + '\u0000' + key).getBytes(StandardCharsets.UTF_8));
            return channel + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
