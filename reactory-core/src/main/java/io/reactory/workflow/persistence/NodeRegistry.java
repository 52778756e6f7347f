package io.reactory.workflow.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The engine nodes sharing a store and their heartbeats, judged by the store's clock (the database's, never a node's),
 * so operators and nodes can tell which nodes are alive. Leases, not this registry, decide who works on an instance:
 * a node that stops heartbeating also stops renewing its leases. Thread-safe.
 */
public interface NodeRegistry {

    /** Records that the node started now (again, if it was registered before). */
    void register(String nodeId);

    /** Records that the node is alive now; registers it if it is not (a registry that was cleaned up meanwhile). */
    void heartbeat(String nodeId);

    /** Nodes whose last heartbeat is at most {@code within} old, by id. */
    List<Node> live(Duration within);

    /** Removes the node (it stopped cleanly). */
    void deregister(String nodeId);

    /**
     * @param heartbeatAt its last heartbeat, on the store's clock
     */
    record Node(String id, Instant startedAt, Instant heartbeatAt) {}
}
