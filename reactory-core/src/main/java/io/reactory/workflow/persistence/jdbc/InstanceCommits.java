package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.InstanceStore.CommitResult;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a batch of instance commits on one connection, inside the caller's transaction: the fenced state updates,
 * consumed signals, subscriptions, and the commits' error records and outbox messages, with a handful of statements
 * whatever the batch's size. A refused commit (lease lost, instance gone) writes nothing.
 *
 * <p>A held instance that stays due keeps the earlier due time stored for it: the step commits of an instance that
 * keeps its lease then change no indexed column, so PostgreSQL updates the row in place (HOT) and SQLite leaves the
 * indexes alone. It is due either way; a node taking it over after a crash runs it at once, as it should.
 */
final class InstanceCommits {
    /** PostgreSQL: the whole batch in one statement, fenced by owner and epoch per row. */
    private static final String PG_UPDATE = """
            UPDATE wf_instances w SET status = v.status, started_at = v.started_at, completed_at = v.completed_at,
                next_execution = CASE WHEN v.release OR v.next_execution IS NULL THEN v.next_execution
                                      ELSE LEAST(w.next_execution, v.next_execution) END,
                data = v.data, state = v.state, revision = w.revision + 1,
                lease_owner = CASE WHEN v.release THEN NULL ELSE w.lease_owner END,
                lease_expires_at = CASE WHEN v.release THEN NULL ELSE w.lease_expires_at END
            FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
                        ?::text[], ?::text[], ?::boolean[])
                AS v(id, owner, epoch, status, started_at, completed_at, next_execution, data, state, release)
            WHERE w.id = v.id AND w.lease_owner = v.owner AND w.lease_epoch = v.epoch
            RETURNING w.id, w.signalled""";
    private static final String SQLITE_RELEASE = """
            UPDATE wf_instances SET status = ?, started_at = ?, completed_at = ?, next_execution = ?, data = ?, state = ?,
                revision = revision + 1, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ? AND lease_owner = ? AND lease_epoch = ?""";
    private static final String SQLITE_KEEP = """
            UPDATE wf_instances SET status = ?, started_at = ?, completed_at = ?,
                next_execution = CASE WHEN ? IS NULL THEN NULL ELSE min(coalesce(next_execution, ?), ?) END,
                data = ?, state = ?, revision = revision + 1
            WHERE id = ? AND lease_owner = ? AND lease_epoch = ?""";

    private final Dialect dialect;
    private final SqlIds ids;
    private final SignalRows signals;
    private final Subscriptions subscriptions;
    private final CommitRows<ErrorRecord> errorRows;
    private final CommitRows<OutboxMessage> outboxRows;
    private final WorkNotifier notifier;
    private final Clock clock;
    private final String deleteSignals;
    private final String flaggedAmong;
    private final String unflag;

    InstanceCommits(Dialect dialect, SqlIds ids, SignalRows signals, Subscriptions subscriptions,
                    CommitRows<ErrorRecord> errorRows, CommitRows<OutboxMessage> outboxRows, WorkNotifier notifier,
                    Clock clock) {
        this.dialect = dialect;
        this.ids = ids;
        this.signals = signals;
        this.subscriptions = subscriptions;
        this.errorRows = errorRows;
        this.outboxRows = outboxRows;
        this.notifier = notifier;
        this.clock = clock;
        this.deleteSignals = "DELETE FROM wf_signals WHERE " + ids.in("id");
        this.flaggedAmong = "SELECT id FROM wf_instances WHERE signalled AND " + ids.in("id");
        this.unflag = "UPDATE wf_instances SET signalled = false WHERE " + ids.in("id");
    }

    /**
     * What a batch did.
     *
     * @param wake work appeared that this process's engine should look at (a released instance has signals)
     */
    record Written(List<CommitResult> results, boolean wake) {}

    Written write(Connection c, List<InstanceCommit> commits) throws SQLException {
        TreeSet<Long> lockKeys = new TreeSet<>();
        for (InstanceCommit commit : commits) {
            if (commit.subscriptionsChanged()) {
                Subscriptions.collectKeys(commit.instance(), lockKeys);
            }
        }
        subscriptions.lock(c, lockKeys);

        Set<String> flagged = new HashSet<>();
        boolean[] committed = dialect == Dialect.POSTGRES ? updatePostgres(c, commits, flagged) : updateSqlite(c, commits);

        List<Long> consumed = new ArrayList<>();
        List<WorkflowInstance> resubscribed = new ArrayList<>();
        List<String> committedIds = new ArrayList<>(commits.size());
        List<ErrorRecord> errors = List.of();
        List<OutboxMessage> outbox = List.of();
        for (int k = 0; k < commits.size(); k++) {
            if (!committed[k]) {
                continue;
            }
            InstanceCommit commit = commits.get(k);
            committedIds.add(commit.instance().id);
            consumed.addAll(commit.consumedSignals());
            if (commit.subscriptionsChanged()) {
                resubscribed.add(commit.instance());
            }
            if (!commit.errors().isEmpty()) {
                errors = errors.isEmpty() ? new ArrayList<>() : errors;
                errors.addAll(commit.errors());
            }
            if (!commit.outbox().isEmpty()) {
                outbox = outbox.isEmpty() ? new ArrayList<>() : outbox;
                outbox.addAll(commit.outbox());
            }
        }
        if (!consumed.isEmpty()) {
            try (PreparedStatement statement = c.prepareStatement(deleteSignals)) {
                ids.bindLongs(statement, 1, consumed);
                statement.executeUpdate();
            }
        }
        if (!resubscribed.isEmpty()) {
            flagged.addAll(subscriptions.rewrite(c, resubscribed));
        }
        if (dialect == Dialect.SQLITE && !committedIds.isEmpty()) {
            flagged.addAll(flaggedAmong(c, committedIds));
        }
        Map<String, List<Signal>> pending = signals.pending(c, flagged);
        List<String> drained = new ArrayList<>();
        for (String id : flagged) {
            if (!pending.containsKey(id)) {
                drained.add(id);
            }
        }
        if (!drained.isEmpty()) {
            try (PreparedStatement statement = c.prepareStatement(unflag)) {
                ids.bindText(statement, 1, drained);
                statement.executeUpdate();
            }
        }
        if (!errors.isEmpty()) {
            errorRows.insert(c, errors);
        }
        if (!outbox.isEmpty()) {
            outboxRows.insert(c, outbox);
        }

        List<CommitResult> results = new ArrayList<>(commits.size());
        boolean wake = false;
        boolean notify = false;
        java.time.Instant now = null;
        for (int k = 0; k < commits.size(); k++) {
            InstanceCommit commit = commits.get(k);
            WorkflowInstance i = commit.instance();
            if (!committed[k]) {
                results.add(new CommitResult(i.id, false, List.of()));
                continue;
            }
            i.revision++;
            List<Signal> left = pending.getOrDefault(i.id, List.of());
            if (commit.release()) {
                wake |= !left.isEmpty();
                if (!left.isEmpty()) {
                    notify = true;
                } else if (i.nextExecution != null) {
                    now = now == null ? clock.instant() : now;
                    notify |= !i.nextExecution.isAfter(now);
                }
                results.add(new CommitResult(i.id, true, List.of()));
            } else {
                results.add(new CommitResult(i.id, true, left));
            }
        }
        if (notify) {
            notifier.notifyOthers(c);
        }
        return new Written(results, wake);
    }

    private boolean[] updatePostgres(Connection c, List<InstanceCommit> commits, Set<String> flagged)
            throws SQLException {
        int n = commits.size();
        String[] id = new String[n];
        String[] owner = new String[n];
        Long[] epoch = new Long[n];
        String[] status = new String[n];
        Long[] startedAt = new Long[n];
        Long[] completedAt = new Long[n];
        Long[] nextExecution = new Long[n];
        String[] data = new String[n];
        String[] state = new String[n];
        Boolean[] release = new Boolean[n];
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int k = 0; k < n; k++) {
            InstanceCommit commit = commits.get(k);
            WorkflowInstance i = commit.instance();
            index.put(i.id, k);
            id[k] = i.id;
            owner[k] = i.leaseOwner;
            epoch[k] = i.leaseEpoch;
            status[k] = i.status.name();
            startedAt[k] = micros(i.startedAt);
            completedAt[k] = micros(i.completedAt);
            nextExecution[k] = micros(i.nextExecution);
            data[k] = i.data == null ? null : i.data.jsonText();
            state[k] = InstanceState.write(i);
            release[k] = commit.release();
        }
        boolean[] committed = new boolean[n];
        try (PreparedStatement statement = c.prepareStatement(PG_UPDATE)) {
            Array[] arrays = {
                c.createArrayOf("text", id), c.createArrayOf("text", owner), c.createArrayOf("bigint", epoch),
                c.createArrayOf("text", status), c.createArrayOf("bigint", startedAt),
                c.createArrayOf("bigint", completedAt), c.createArrayOf("bigint", nextExecution),
                c.createArrayOf("text", data), c.createArrayOf("text", state), c.createArrayOf("boolean", release)
            };
            for (int k = 0; k < arrays.length; k++) {
                statement.setArray(k + 1, arrays[k]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String committedId = rows.getString(1);
                    committed[index.get(committedId)] = true;
                    if (rows.getBoolean(2)) {
                        flagged.add(committedId);
                    }
                }
            }
        }
        return committed;
    }

    private boolean[] updateSqlite(Connection c, List<InstanceCommit> commits) throws SQLException {
        int n = commits.size();
        boolean[] committed = new boolean[n];
        List<Integer> released = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        try (PreparedStatement release = c.prepareStatement(SQLITE_RELEASE);
             PreparedStatement keep = c.prepareStatement(SQLITE_KEEP)) {
            for (int k = 0; k < n; k++) {
                InstanceCommit commit = commits.get(k);
                WorkflowInstance i = commit.instance();
                PreparedStatement s = commit.release() ? release : keep;
                s.setString(1, i.status.name());
                Micros.set(s, 2, i.startedAt);
                Micros.set(s, 3, i.completedAt);
                int next = 4;
                Micros.set(s, next++, i.nextExecution);
                if (!commit.release()) {
                    Micros.set(s, next++, i.nextExecution);
                    Micros.set(s, next++, i.nextExecution);
                }
                InstanceRows.setData(s, next++, i);
                s.setString(next++, InstanceState.write(i));
                s.setString(next++, i.id);
                s.setString(next++, i.leaseOwner);
                s.setLong(next, i.leaseEpoch);
                s.addBatch();
                (commit.release() ? released : kept).add(k);
            }
            mark(released.isEmpty() ? new int[0] : release.executeBatch(), released, committed);
            mark(kept.isEmpty() ? new int[0] : keep.executeBatch(), kept, committed);
        }
        return committed;
    }

    private static void mark(int[] counts, List<Integer> positions, boolean[] committed) {
        for (int k = 0; k < counts.length; k++) {
            committed[positions.get(k)] = counts[k] > 0;
        }
    }

    private List<String> flaggedAmong(Connection c, List<String> instanceIds) throws SQLException {
        List<String> flagged = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(flaggedAmong)) {
            ids.bindText(statement, 1, instanceIds);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    flagged.add(rows.getString(1));
                }
            }
        }
        return flagged;
    }

    private static Long micros(java.time.Instant instant) {
        return instant == null ? null : Micros.of(instant);
    }
}
