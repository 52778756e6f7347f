package io.reactory.workflow.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: concurrent callers queue their items and everything queued so far is written in one batch while the
 * callers wait, so while one batch is being made durable the next one gathers and a thousand concurrent callers cost
 * a handful of commits. Every caller returns only once its own item is settled.
 *
 * <p>Who writes: with {@link #GroupCommit(int, Writer)} one of the callers, the leader, writes (again until its own
 * item is written); followers wait on their own item, not on the leader, and a leader that is done wakes a caller that
 * queued meanwhile, which leads next. With {@link #onThread} a platform thread of its own writes what virtual threads queue,
 * for writers that block in native code (a SQLite commit waits for the disk inside JNI): a virtual thread doing that
 * would hold one of the few carrier threads every other virtual thread needs. Callers on platform threads may still
 * lead there (see {@link #submit}).
 *
 * @param <P> the queued item
 */
public final class GroupCommit<P extends GroupCommit.Item<?>> implements AutoCloseable {
    private static final long FOLLOWER_WAIT_NANOS = Duration.ofMillis(100).toNanos();

    /** Writes a batch: settles each item with {@link Item#succeed} or {@link Item#fail}. */
    @FunctionalInterface
    public interface Writer<P> {
        void write(List<P> batch);
    }

    /** One caller's queued item and, once written, its outcome. */
    public abstract static class Item<R> {
        private final Thread caller = Thread.currentThread();
        private volatile boolean done;
        private boolean settled;
        private R result;
        private Throwable failure;

        public final void succeed(R value) {
            result = value;
            failure = null;
            settled = true;
        }

        public final void fail(Throwable cause) {
            result = null;
            failure = cause;
            settled = true;
        }

        /** The written result; only after {@link GroupCommit#submit} returned without a failure. */
        public final R result() {
            return result;
        }

        /** Why the item was not written, or null. */
        public final Throwable failure() {
            return failure;
        }

        /** The written result, or the failure thrown (unchecked ones as they are). */
        public final R resultOrThrow() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException("not written: " + failure, failure);
            }
            return result;
        }
    }

    /** The failure of an item submitted to, or still queued at, a closed dedicated writer. */
    public static final class ClosedException extends IllegalStateException {
        ClosedException() {
            super("closed: the item was not written");
        }
    }

    private final ConcurrentLinkedQueue<P> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock leader = new ReentrantLock();
    private final int maxBatch;
    private final Writer<P> writer;
    /** The dedicated writer, or null when callers lead. */
    private final Thread writerThread;
    private volatile boolean closed;

    /** Group commit led by the callers. */
    public GroupCommit(int maxBatch, Writer<P> writer) {
        this(maxBatch, writer, null);
    }

    private GroupCommit(int maxBatch, Writer<P> writer, String threadName) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        this.maxBatch = maxBatch;
        this.writer = writer;
        this.writerThread = threadName == null ? null
                : Thread.ofPlatform().name(threadName).daemon().unstarted(this::writeLoop);
    }

    /** Group commit written by a platform thread of its own, named {@code threadName}, until {@link #close}. */
    public static <P extends Item<?>> GroupCommit<P> onThread(String threadName, int maxBatch, Writer<P> writer) {
        GroupCommit<P> commits = new GroupCommit<>(maxBatch, writer, threadName);
        commits.writerThread.start();
        return commits;
    }

    /**
     * Queues {@code item} and returns once it is settled; its outcome is then in {@link Item#result} or
     * {@link Item#failure}. After {@link #close} an item written by a dedicated thread fails at once.
     *
     * <p>A caller on a platform thread leads when no one else writes, also with a dedicated writer: a lone caller
     * (an engine loop committing its batches one after the other) then writes its own item without waking the writer
     * and being woken by it, which cost more than a small batch's statements. A virtual thread never writes.
     */
    public void submit(P item) {
        Item<?> mine = item;
        Thread me = Thread.currentThread();
        if (me == writerThread || leader.isHeldByCurrentThread()) {
            throw new IllegalStateException("an item submitted while writing a batch would wait for itself forever");
        }
        queue.add(item);
        if (writerThread != null && closed) {
            // close() may have drained the queue before this item was added
            failQueued();
        }
        boolean leads = writerThread == null || !me.isVirtual();
        boolean interrupted = false;
        while (!mine.done) {
            if (leads && leader.tryLock()) {
                try {
                    while (!mine.done) {
                        writeQueued();
                    }
                } finally {
                    leader.unlock();
                }
                handOver();
            } else {
                if (writerThread != null) {
                    LockSupport.unpark(writerThread);
                }
                // woken when its item is written or the lead is handed over; the timeout only guards
                LockSupport.parkNanos(this, FOLLOWER_WAIT_NANOS);
                // the item is written whatever happens to its caller: wait on, and keep the interrupt for later
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            me.interrupt();
        }
    }

    /** After a caller led: what queued meanwhile goes to the writer, or to a caller that then leads. */
    private void handOver() {
        Item<?> next = queue.peek();
        if (next != null) {
            LockSupport.unpark(writerThread != null ? writerThread : next.caller);
        }
    }

    /** Items queued and not yet taken into a batch (for tests and metrics). */
    public int queued() {
        return queue.size();
    }

    private void writeLoop() {
        try {
            while (!closed) {
                if (queue.isEmpty()) {
                    LockSupport.park(this);
                    continue;
                }
                leader.lock();
                try {
                    writeQueued();
                } finally {
                    leader.unlock();
                }
            }
        } finally {
            // also when the loop itself failed (no memory for a batch): nobody may wait for a writer that is gone
            closed = true;
            failQueued();
        }
    }

    /** Writes one batch of what is queued; false when nothing was. */
    private boolean writeQueued() {
        List<P> batch = new ArrayList<>();
        for (P p; batch.size() < maxBatch && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return false;
        }
        Throwable writerFailed = null;
        try {
            writer.write(batch);
        } catch (Throwable e) {
            // the leader's own item carries it back to the leader; a follower's wait must end too
            writerFailed = e;
        }
        for (Item<?> p : batch) {
            if (!p.settled) {
                p.fail(writerFailed != null ? writerFailed
                        : new IllegalStateException("the batch writer left an item without an outcome"));
            }
            release(p);
        }
        return true;
    }

    private void failQueued() {
        for (Item<?> p; (p = queue.poll()) != null; ) {
            p.fail(new ClosedException());
            release(p);
        }
    }

    private static void release(Item<?> p) {
        p.done = true;
        LockSupport.unpark(p.caller);
    }

    /** Stops a dedicated writer after the batch it is writing; items still queued fail. */
    @Override
    public void close() {
        closed = true;
        if (writerThread != null) {
            LockSupport.unpark(writerThread);
            boolean interrupted = false;
            while (writerThread.isAlive()) {
                try {
                    writerThread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            failQueued();
        }
    }
}
