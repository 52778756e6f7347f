package io.reactory.workflow.execution;

import io.reactory.workflow.persistence.NodeRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node in the store's {@link NodeRegistry} while the runner runs: registers it, heartbeats at a third of
 * the lease duration (so a node the registry shows alive also had the chance to renew its leases), and deregisters
 * it on close. A failed heartbeat is logged and tried again at the next interval.
 */
final class NodeHeartbeat implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final NodeRegistry registry;
    private final String nodeId;
    private final Duration interval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopping = lock.newCondition();
    private boolean stopped;
    private Thread thread;

    NodeHeartbeat(NodeRegistry registry, String nodeId, Duration interval) {
        this.registry = registry;
        this.nodeId = nodeId;
        this.interval = interval;
    }

    void start() {
        try {
            registry.register(nodeId);
        } catch (RuntimeException e) {
            log.warn("could not register node {}; the heartbeat will: {}", nodeId, e.toString());
        }
        thread = Thread.ofPlatform().name("reactory-heartbeat-" + nodeId).daemon(true).start(this::beat);
    }

    private void beat() {
        while (awaitInterval()) {
            try {
                registry.heartbeat(nodeId);
            } catch (RuntimeException e) {
                log.warn("heartbeat of node {} failed: {}", nodeId, e.toString());
            }
        }
    }

    /** Waits one interval; false when closed meanwhile. */
    private boolean awaitInterval() {
        lock.lock();
        try {
            long nanos = interval.toNanos();
            while (!stopped && nanos > 0) {
                nanos = stopping.awaitNanos(nanos);
            }
            return !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            stopped = true;
            stopping.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            registry.deregister(nodeId);
        } catch (RuntimeException e) {
            log.warn("could not deregister node {}: {}", nodeId, e.toString());
        }
    }
}
