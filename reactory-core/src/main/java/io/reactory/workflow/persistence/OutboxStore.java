package io.reactory.workflow.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The transactional outbox: messages for other systems, written with the state change they describe
 * ({@link InstanceStore#create(WorkflowInstance, List)}, {@link InstanceStore.InstanceCommit#outbox()}) or on their
 * own ({@link #append}), and sent by one relay at a time.
 *
 * <p><b>Relay lease.</b> One relay per store sends, so messages leave in sequence order and a receiver sees the
 * changes of one instance in the order they happened. {@link #claim} hands the oldest messages to the caller only
 * while it holds the relay lease (taking it when it is free or expired); other callers get nothing. Messages stay
 * until {@link #markPublished}: a relay that stops between sending and marking has them sent again by its successor
 * (at least once; receivers de-duplicate by {@link OutboxMessage#id()}).
 *
 * <p>Implementations are thread-safe.
 */
public interface OutboxStore {

    /** Stores messages that belong to no instance change (alerts), in a transaction of their own. */
    void append(List<OutboxMessage> messages);

    /**
     * Takes or renews the relay lease for {@code owner} and returns up to {@code limit} unpublished messages, oldest
     * first. Empty when another owner holds an unexpired lease, or when nothing waits.
     *
     * @param lease how long the lease lasts without another claim
     */
    List<OutboxEntry> claim(String owner, int limit, Duration lease, Instant now);

    /** The messages with these sequences were sent: they are never handed out again. Unknown sequences are ignored. */
    void markPublished(List<Long> sequences);

    /** Gives the relay lease back so another relay can take over at once; nothing when {@code owner} does not hold it. */
    void release(String owner);

    /** How many messages wait to be sent. */
    long pending();
}
