package io.reactory.workflow.persistence;

/**
 * A store's connection pool as it stands (HikariCP's figures for the JDBC stores), for health checks and metrics.
 *
 * @param active  connections in use
 * @param idle    open connections not in use
 * @param pending threads waiting for a connection
 * @param max     the pool's maximum size
 */
public record PoolStats(int active, int idle, int pending, int max) {
    public PoolStats {
        if (active < 0 || idle < 0 || pending < 0 || max < 0) {
            throw new IllegalArgumentException("pool figures must not be negative: active " + active + ", idle " + idle
                    + ", pending " + pending + ", max " + max);
        }
    }

    /** True when every connection is in use and callers are waiting. */
    public boolean exhausted() {
        return pending > 0 && active >= max;
    }
}
