package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.InstanceStore.Claim;
import io.reactory.workflow.persistence.InstanceStore.ClaimRequest;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Claims and lease renewals. A claim leases, in one statement, unleased instances with signals, unleased instances
 * that are due (earliest first), and instances whose lease expired and that are due or signalled; every claim raises
 * the instance's lease epoch. On PostgreSQL the candidates are locked with {@code FOR UPDATE SKIP LOCKED}, so nodes
 * claiming at once never wait for or take each other's rows; SQLite has one writer. Expiry is judged by the
 * {@link LeaseTime lease clock}.
 */
final class InstanceLeases {
    private static final String NOW = LeaseTime.NOW;

    /**
     * Candidates: signalled, due, and (see {@link #EXPIRY_CHECK}) expired, each at most {@code limit}; the best
     * {@code limit} of them leased. Expired leases of instances with nothing to do are cleared on the way, as the
     * in-memory store does, so they do not keep looking due. Rows are updated by {@code id = ANY(ARRAY(...))}: with
     * {@code IN (subquery)} the generic plan of the prepared statement may hash-join the whole table.
     */
    private static final String PG_CLEAR = """
            clear AS (UPDATE wf_instances SET lease_owner = NULL, lease_expires_at = NULL
                      WHERE id = ANY(ARRAY(SELECT id FROM wf_instances
                                           WHERE lease_owner IS NOT NULL AND lease_expires_at <= %1$s AND NOT signalled
                                             AND (next_execution IS NULL OR next_execution > ?)
                                           LIMIT 256 FOR UPDATE SKIP LOCKED))),
            """.formatted(NOW);
    private static final String PG_CANDIDATES = """
            sig AS (SELECT id, next_execution FROM wf_instances WHERE signalled AND lease_owner IS NULL
                    LIMIT ? FOR UPDATE SKIP LOCKED),
            due AS (SELECT id, next_execution FROM wf_instances
                    WHERE lease_owner IS NULL AND next_execution <= ? AND NOT signalled
                    ORDER BY next_execution LIMIT ? FOR UPDATE SKIP LOCKED),
            """;
    private static final String PG_EXPIRED = """
            expired AS (SELECT id, next_execution FROM wf_instances
                        WHERE lease_owner IS NOT NULL AND lease_expires_at <= %1$s AND (signalled OR next_execution <= ?)
                        ORDER BY lease_expires_at LIMIT ? FOR UPDATE SKIP LOCKED),
            """.formatted(NOW);
    private static final String PG_LEASE = """
            pick AS (SELECT id FROM (SELECT id, 0 AS k, next_execution FROM sig
                                     UNION ALL SELECT id, 1, next_execution FROM due%1$s) p
                     ORDER BY k, next_execution LIMIT ?)
            UPDATE wf_instances SET lease_owner = ?, lease_epoch = lease_epoch + 1, lease_expires_at = %2$s + ?
            WHERE id = ANY(ARRAY(SELECT id FROM pick))
            RETURNING %3$s""";
    private static final String PG_CLAIM_WITH_EXPIRY = PG_CLEAR + PG_CANDIDATES + PG_EXPIRED
            + PG_LEASE.formatted("\n                                     UNION ALL SELECT id, 1, next_execution FROM expired",
                    NOW, InstanceRows.COLUMNS);
    private static final String PG_CLAIM = PG_CANDIDATES + PG_LEASE.formatted("", NOW, InstanceRows.COLUMNS);
    /**
     * How often a PostgreSQL claim also looks for expired leases (with the database clock). A row that was leased
     * leaves a dead entry at its old position in the lease index until it is vacuumed, so looking costs more than the
     * rest of the claim; once a second keeps takeovers prompt (a lease is tens of seconds) and claims cheap.
     */
    static final Duration EXPIRY_CHECK = Duration.ofSeconds(1);
    private static final String SQLITE_CLEAR = """
            UPDATE wf_instances SET lease_owner = NULL, lease_expires_at = NULL
            WHERE lease_owner IS NOT NULL AND lease_expires_at <= %s AND NOT signalled
              AND (next_execution IS NULL OR next_execution > ?)""".formatted(NOW);
    private static final String SQLITE_CLAIM = """
            UPDATE wf_instances SET lease_owner = ?, lease_epoch = lease_epoch + 1, lease_expires_at = %1$s + ?
            WHERE id IN (SELECT id FROM (
                SELECT id, 0 AS k, next_execution FROM (SELECT id, next_execution FROM wf_instances
                                                        WHERE signalled AND lease_owner IS NULL LIMIT ?)
                UNION ALL
                SELECT id, 1, next_execution FROM (SELECT id, next_execution FROM wf_instances
                                                   WHERE lease_owner IS NULL AND next_execution <= ? AND NOT signalled
                                                   ORDER BY next_execution LIMIT ?)
                UNION ALL
                SELECT id, 1, next_execution FROM (SELECT id, next_execution FROM wf_instances
                                                   WHERE lease_owner IS NOT NULL AND lease_expires_at <= %1$s
                                                     AND (signalled OR next_execution <= ?)
                                                   ORDER BY lease_expires_at LIMIT ?)
                ) ORDER BY k, next_execution LIMIT ?)
            RETURNING %2$s""".formatted(NOW, InstanceRows.COLUMNS);
    private static final String CLAIM_BY_ID = """
            UPDATE wf_instances SET lease_owner = ?, lease_epoch = lease_epoch + 1, lease_expires_at = %1$s + ?
            WHERE id = ? AND (lease_owner IS NULL OR lease_expires_at <= %1$s)
            RETURNING %2$s""".formatted(NOW, InstanceRows.COLUMNS);
    private static final String PG_RENEW = """
            UPDATE wf_instances w SET lease_expires_at = %s + ?
            FROM unnest(?::text[], ?::bigint[]) AS v(id, epoch)
            WHERE w.id = v.id AND w.lease_owner = ? AND w.lease_epoch = v.epoch AND w.lease_expires_at > %1$s
            RETURNING w.id""".formatted(NOW);
    private static final String SQLITE_RENEW = """
            UPDATE wf_instances SET lease_expires_at = %1$s + ?
            WHERE id = ? AND lease_owner = ? AND lease_epoch = ? AND lease_expires_at > %1$s""".formatted(NOW);
    private static final String PG_GIVE_BACK = """
            UPDATE wf_instances w SET lease_owner = NULL, lease_expires_at = NULL
            FROM unnest(?::text[], ?::bigint[]) AS v(id, epoch)
            WHERE w.id = v.id AND w.lease_owner = ? AND w.lease_epoch = v.epoch
            RETURNING w.id""";
    private static final String SQLITE_GIVE_BACK = """
            UPDATE wf_instances SET lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ? AND lease_owner = ? AND lease_epoch = ?""";

    /** Signalled first, then by due time (RETURNING has no order). */
    private static final Comparator<Claimed> ORDER = Comparator.comparing((Claimed c) -> !c.signalled)
            .thenComparing(c -> c.instance.nextExecution, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final Dialect dialect;
    private final LeaseTime time;
    private final SignalRows signals;
    private final WorkNotifier notifier;
    private final AtomicLong nextExpiryCheck = new AtomicLong(System.nanoTime());

    InstanceLeases(Dialect dialect, LeaseTime time, SignalRows signals, WorkNotifier notifier) {
        this.dialect = dialect;
        this.time = time;
        this.signals = signals;
        this.notifier = notifier;
    }

    private record Claimed(WorkflowInstance instance, boolean signalled) {}

    /**
     * Whether this PostgreSQL claim looks for expired leases: always with the engine's lease clock (tests move it past
     * leases and claim at once), else once per {@link #EXPIRY_CHECK}.
     */
    private boolean expiryCheckDue() {
        if (time.mode() == DatabaseOptions.LeaseClock.ENGINE) {
            return true;
        }
        long nowNanos = System.nanoTime();
        long next = nextExpiryCheck.get();
        return nowNanos - next >= 0 && nextExpiryCheck.compareAndSet(next, nowNanos + EXPIRY_CHECK.toNanos());
    }

    List<Claim> claim(Connection c, ClaimRequest request) throws SQLException {
        long now = Micros.of(request.now());
        long lease = request.lease().toNanos() / 1000;
        int limit = request.limit();
        List<Claimed> claimed = new ArrayList<>(Math.min(limit, 256));
        if (dialect == Dialect.POSTGRES) {
            boolean expiry = expiryCheckDue();
            String sql = time.with().stripTrailing() + ",\n" + (expiry ? PG_CLAIM_WITH_EXPIRY : PG_CLAIM);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int p = time.bind(s, request.now());
                if (expiry) {
                    s.setLong(p++, now);
                }
                s.setInt(p++, limit);
                s.setLong(p++, now);
                s.setInt(p++, limit);
                if (expiry) {
                    s.setLong(p++, now);
                    s.setInt(p++, limit);
                }
                s.setInt(p++, limit);
                s.setString(p++, request.owner());
                s.setLong(p, lease);
                read(s, claimed);
            }
        } else {
            try (PreparedStatement clear = c.prepareStatement(time.with() + SQLITE_CLEAR)) {
                int p = time.bind(clear, request.now());
                clear.setLong(p, now);
                clear.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(time.with() + SQLITE_CLAIM)) {
                int p = time.bind(s, request.now());
                s.setString(p++, request.owner());
                s.setLong(p++, lease);
                s.setInt(p++, limit);
                s.setLong(p++, now);
                s.setInt(p++, limit);
                s.setLong(p++, now);
                s.setInt(p++, limit);
                s.setInt(p, limit);
                read(s, claimed);
            }
        }
        claimed.sort(ORDER);
        return withSignals(c, claimed);
    }

    Optional<Claim> claimById(Connection c, String instanceId, String owner, Duration lease, Instant now)
            throws SQLException {
        List<Claimed> claimed = new ArrayList<>(1);
        try (PreparedStatement s = c.prepareStatement(time.with() + CLAIM_BY_ID)) {
            int p = time.bind(s, now);
            s.setString(p++, owner);
            s.setLong(p++, lease.toNanos() / 1000);
            s.setString(p, instanceId);
            read(s, claimed);
        }
        List<Claim> claims = withSignals(c, claimed);
        return claims.isEmpty() ? Optional.empty() : Optional.of(claims.get(0));
    }

    /**
     * Extends the leases the owner still holds (unexpired, same epoch), or with a zero lease gives them back.
     *
     * @return the ids whose lease the owner no longer holds
     */
    Set<String> renew(Connection c, String owner, Map<String, Long> epochs, Duration lease, Instant now)
            throws SQLException {
        boolean giveBack = lease.isZero() || lease.isNegative();
        Set<String> held = new HashSet<>();
        List<String> ids = new ArrayList<>(epochs.keySet());
        if (dialect == Dialect.POSTGRES) {
            String sql = giveBack ? PG_GIVE_BACK : time.with() + PG_RENEW;
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int p = giveBack ? 1 : time.bind(s, now);
                if (!giveBack) {
                    s.setLong(p++, lease.toNanos() / 1000);
                }
                Long[] epochValues = new Long[ids.size()];
                for (int k = 0; k < ids.size(); k++) {
                    epochValues[k] = epochs.get(ids.get(k));
                }
                s.setArray(p++, c.createArrayOf("text", ids.toArray()));
                s.setArray(p++, c.createArrayOf("bigint", epochValues));
                s.setString(p, owner);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        held.add(rows.getString(1));
                    }
                }
            }
        } else {
            String sql = giveBack ? SQLITE_GIVE_BACK : time.with() + SQLITE_RENEW;
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (String id : ids) {
                    int p = giveBack ? 1 : time.bind(s, now);
                    if (!giveBack) {
                        s.setLong(p++, lease.toNanos() / 1000);
                    }
                    s.setString(p++, id);
                    s.setString(p++, owner);
                    s.setLong(p, epochs.get(id));
                    s.addBatch();
                }
                int[] counts = s.executeBatch();
                for (int k = 0; k < counts.length; k++) {
                    if (counts[k] > 0) {
                        held.add(ids.get(k));
                    }
                }
            }
        }
        if (giveBack && !held.isEmpty()) {
            // instances given back may be runnable at once: other nodes may take them
            notifier.notifyOthers(c);
        }
        Set<String> lost = new HashSet<>(epochs.keySet());
        lost.removeAll(held);
        return lost;
    }

    private static void read(PreparedStatement s, List<Claimed> into) throws SQLException {
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                into.add(new Claimed(InstanceRows.read(rows), InstanceRows.signalled(rows)));
            }
        }
    }

    private List<Claim> withSignals(Connection c, List<Claimed> claimed) throws SQLException {
        List<String> signalled = new ArrayList<>();
        for (Claimed one : claimed) {
            if (one.signalled) {
                signalled.add(one.instance.id);
            }
        }
        Map<String, List<Signal>> pending = signals.pending(c, signalled);
        List<Claim> claims = new ArrayList<>(claimed.size());
        for (Claimed one : claimed) {
            claims.add(new Claim(one.instance, pending.getOrDefault(one.instance.id, List.of())));
        }
        return claims;
    }
}
