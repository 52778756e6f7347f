package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.StoreObserver;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Instances in SQL (SQLite or PostgreSQL): one {@code wf_instances} row each, with scalar columns for what claims and
 * queries filter on and two JSON documents ({@code data}, {@code state}). Claims and renewals are in
 * {@link InstanceLeases}, batch commits in {@link InstanceCommits}. Thread-safe.
 */
public final class JdbcInstanceStore implements InstanceStore {
    private static final String FIND = "SELECT " + InstanceRows.COLUMNS + " FROM wf_instances WHERE id = ?";
    private static final String COUNT_BY_STATUS = "SELECT status, count(*) FROM wf_instances GROUP BY status";
    private static final String COUNT_RUNNABLE = """
            SELECT count(*) FROM wf_instances WHERE lease_owner IS NULL AND (signalled OR next_execution <= ?)""";
    private static final String FLAG = "UPDATE wf_instances SET signalled = true WHERE id = ?";
    private static final String INSERT_SIGNAL = """
            INSERT INTO wf_signals (instance_id, kind, event_id, created_at) VALUES (?, ?, NULL, ?) RETURNING id""";
    /**
     * Signalled unleased instances, the earliest due time of unleased ones, and the earliest lease expiry with the
     * lease clock's now (to turn a database-clock expiry into a wait).
     */
    private static final String NEXT_DUE = """
            %s SELECT EXISTS (SELECT 1 FROM wf_instances WHERE signalled AND lease_owner IS NULL),
                (SELECT min(next_execution) FROM wf_instances WHERE lease_owner IS NULL AND next_execution IS NOT NULL),
                %s, (SELECT now FROM clock)""";
    private static final String LEASE_MIN = "(SELECT min(lease_expires_at) FROM wf_instances WHERE lease_owner IS NOT NULL)";

    private final Database database;
    private final Dialect dialect;
    private final LeaseTime time;
    private final Clock clock;
    private final SqlIds ids;
    private final SignalRows signals;
    private final InstanceLeases leases;
    private final InstanceCommits commits;
    private final InstanceCreates creates;
    private final WorkNotifier notifier;
    private final StoreTimings timings;
    private final String delete;
    private final String nextDue;

    JdbcInstanceStore(Database database, Clock clock, CommitRows<ErrorRecord> errorRows,
                      CommitRows<OutboxMessage> outboxRows, WorkNotifier notifier, StoreTimings timings) {
        this.database = database;
        this.dialect = database.dialect();
        this.clock = clock;
        this.time = new LeaseTime(dialect, database.options().leaseClock(), clock);
        this.ids = new SqlIds(dialect);
        this.signals = new SignalRows(ids);
        this.notifier = notifier;
        this.timings = timings;
        HeldRows held = new HeldRows(dialect == Dialect.SQLITE);
        this.creates = new InstanceCreates(database, outboxRows, notifier, time, held);
        this.leases = new InstanceLeases(dialect, time, signals, notifier, held);
        this.commits = new InstanceCommits(dialect, ids, signals, new Subscriptions(dialect, ids), errorRows,
                outboxRows, notifier, clock, held);
        this.delete = "DELETE FROM wf_instances WHERE " + ids.in("id");
        // PostgreSQL with its own clock looks for expired leases once per InstanceLeases.EXPIRY_CHECK, not on every
        // claim: a lease expiry here would have the engine claim in vain until then; the poll finds expired leases
        this.nextDue = NEXT_DUE.formatted(time.with(), dialect == Dialect.POSTGRES
                && time.mode() == DatabaseOptions.LeaseClock.DATABASE ? "CAST(NULL AS bigint)" : LEASE_MIN);
    }

    @Override
    public String create(WorkflowInstance instance) {
        return create(instance, List.of());
    }

    @Override
    public String create(WorkflowInstance instance, List<OutboxMessage> outbox) {
        return create(instance, outbox, null);
    }

    @Override
    public String createLeased(WorkflowInstance instance, List<OutboxMessage> outbox, Lease lease) {
        return create(instance, outbox, lease);
    }

    private String create(WorkflowInstance instance, List<OutboxMessage> outbox, Lease lease) {
        long started = timings.start();
        boolean ok = false;
        try {
            String id = creates.create(instance, outbox, lease);
            if (lease == null && id.equals(instance.id)) {
                notifier.wakeLocal();
            }
            ok = true;
            return id;
        } finally {
            timings.report(StoreObserver.CREATE, started, 1, ok);
        }
    }

    /**
     * Inserts a new instance (with its {@code gated} flag) and its outbox messages on {@code c}, inside the caller's
     * transaction, and notifies other nodes when it commits. Does not run this process's wake listeners.
     *
     * @return the id of the new instance, or of the existing one with the same idempotency key (then nothing is
     *         written)
     */
    public String createWithin(Connection c, WorkflowInstance instance, List<OutboxMessage> outbox) throws SQLException {
        return creates.within(c, instance, outbox);
    }

    @Override
    public Optional<WorkflowInstance> find(String instanceId) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(FIND)) {
                s.setString(1, instanceId);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(InstanceRows.read(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<WorkflowInstance> find(InstanceQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(InstanceRows.COLUMNS).append(" FROM wf_instances WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!query.statuses().isEmpty()) {
            sql.append(" AND status IN (").append("?, ".repeat(query.statuses().size() - 1)).append("?)");
            for (WorkflowStatus status : query.statuses()) {
                params.add(status.name());
            }
        }
        condition(sql, params, " AND workflow_id = ?", query.workflowId());
        condition(sql, params, " AND reference = ?", query.reference());
        condition(sql, params, " AND namespace = ?", query.namespace());
        condition(sql, params, " AND created_at >= ?", query.createdFrom() == null ? null : Micros.of(query.createdFrom()));
        condition(sql, params, " AND created_at < ?", query.createdTo() == null ? null : Micros.of(query.createdTo()));
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
        params.add(query.limit());
        params.add(query.offset());
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int k = 0; k < params.size(); k++) {
                    s.setObject(k + 1, params.get(k));
                }
                List<WorkflowInstance> found = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        found.add(InstanceRows.read(rows));
                    }
                }
                return found;
            }
        });
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }

    @Override
    public Map<WorkflowStatus, Long> countByStatus() {
        return database.read(c -> {
            Map<WorkflowStatus, Long> counts = new EnumMap<>(WorkflowStatus.class);
            try (PreparedStatement s = c.prepareStatement(COUNT_BY_STATUS); ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    counts.put(InstanceRows.status(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    @Override
    public OptionalLong countRunnable(Instant now) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(COUNT_RUNNABLE)) {
                s.setLong(1, Micros.of(now));
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    return OptionalLong.of(rows.getLong(1));
                }
            }
        });
    }

    @Override
    public List<Claim> claim(ClaimRequest request) {
        long started = timings.start();
        List<Claim> claims = List.of();
        boolean ok = false;
        try {
            claims = Conflicts.retry(database, c -> leases.claim(c, request));
            ok = true;
            return claims;
        } finally {
            timings.report(StoreObserver.CLAIM, started, claims.size(), ok);
        }
    }

    @Override
    public Optional<Claim> claimById(String instanceId, String owner, Duration lease, Instant now) {
        return Conflicts.retry(database, c -> leases.claimById(c, instanceId, owner, lease, now));
    }

    @Override
    public List<CommitResult> commit(List<InstanceCommit> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        long started = timings.start();
        boolean ok = false;
        try {
            InstanceCommits.Written written = Conflicts.retry(database, c -> {
                IndexPlans.pin(c, dialect);
                return commits.write(c, batch);
            });
            if (written.wake()) {
                notifier.wakeLocal();
            }
            ok = true;
            return written.results();
        } finally {
            timings.report(StoreObserver.COMMIT, started, batch.size(), ok);
        }
    }

    /**
     * Commits one instance on {@code c}, inside the caller's transaction (the LifecycleStore's admission), exactly as
     * {@link #commit} would; does not run this process's wake listeners.
     */
    public CommitResult commitWithin(Connection c, InstanceCommit commit) throws SQLException {
        return commits.write(c, List.of(commit)).results().get(0);
    }

    @Override
    public Set<String> renewLeases(String owner, Map<String, Long> epochs, Duration lease, Instant now) {
        if (epochs.isEmpty()) {
            return Set.of();
        }
        long started = timings.start();
        boolean ok = false;
        try {
            Set<String> lost = Conflicts.retry(database, c -> leases.renew(c, owner, epochs, lease, now));
            ok = true;
            return lost;
        } finally {
            timings.report(StoreObserver.RENEW, started, epochs.size(), ok);
        }
    }

    @Override
    public List<Signal> pendingSignals(String instanceId) {
        return database.read(c -> signals.pending(c, instanceId));
    }

    @Override
    public Signal addSignal(String instanceId, Signal.Kind kind, Instant at) {
        Signal signal = Conflicts.retry(database, c -> {
            // the row first: a commit clearing the flag holds it, so this write lands after that commit
            try (PreparedStatement s = c.prepareStatement(FLAG)) {
                s.setString(1, instanceId);
                if (s.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no instance " + instanceId);
                }
            }
            long id;
            try (PreparedStatement s = c.prepareStatement(INSERT_SIGNAL)) {
                s.setString(1, instanceId);
                s.setString(2, kind.name());
                s.setLong(3, Micros.of(at));
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    id = rows.getLong(1);
                }
            }
            notifier.notifyOthers(c);
            return new Signal(id, instanceId, kind, null, at);
        });
        notifier.wakeLocal();
        return signal;
    }

    @Override
    public Optional<Instant> nextDue() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(nextDue)) {
                time.bind(s, clock.instant());
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    if (rows.getBoolean(1)) {
                        return Optional.of(Instant.MIN);
                    }
                    Instant due = instant(rows, 2);
                    Instant lease = instant(rows, 3);
                    if (lease != null && time.mode() == DatabaseOptions.LeaseClock.DATABASE) {
                        // the lease clock may not be this process's clock: how long until the expiry, from here
                        lease = clock.instant().plus(Duration.of(rows.getLong(3) - rows.getLong(4),
                                java.time.temporal.ChronoUnit.MICROS));
                    }
                    if (due == null || (lease != null && lease.isBefore(due))) {
                        return Optional.ofNullable(lease);
                    }
                    return Optional.of(due);
                }
            }
        });
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        long micros = rows.getLong(column);
        return rows.wasNull() ? null : Micros.instant(micros);
    }

    @Override
    public int delete(Set<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return 0;
        }
        return Conflicts.retry(database, c -> {
            try (PreparedStatement s = c.prepareStatement(delete)) {
                ids.bindText(s, 1, instanceIds);
                return s.executeUpdate();
            }
        });
    }
}
