package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.internal.GroupCommit;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts new instances, committing the creates of concurrent callers together ({@link GroupCommit}): every caller
 * returns only after its instance is committed. When a batch fails, its creates are tried one by one, so one bad
 * instance fails only its own caller.
 */
final class InstanceCreates {
    private static final int MAX_BATCH = 512;
    private static final String BY_IDEMPOTENCY_KEY = "SELECT id FROM wf_instances WHERE idempotency_key = ?";

    private final Database database;
    private final CommitRows<OutboxMessage> outboxRows;
    private final WorkNotifier notifier;
    private final GroupCommit<Pending> creates = new GroupCommit<>(MAX_BATCH, this::writeBatch);

    InstanceCreates(Database database, CommitRows<OutboxMessage> outboxRows, WorkNotifier notifier) {
        this.database = database;
        this.outboxRows = outboxRows;
        this.notifier = notifier;
    }

    private static final class Pending extends GroupCommit.Item<String> {
        final WorkflowInstance instance;
        final List<OutboxMessage> outbox;

        Pending(WorkflowInstance instance, List<OutboxMessage> outbox) {
            this.instance = instance;
            this.outbox = outbox;
        }
    }

    /** Creates the instance in a transaction shared with concurrent creates; the id it got (see {@link #within}). */
    String create(WorkflowInstance instance, List<OutboxMessage> outbox) {
        Pending mine = new Pending(instance, outbox);
        creates.submit(mine);
        return mine.resultOrThrow();
    }

    private void writeBatch(List<Pending> batch) {
        try {
            List<String> ids = Conflicts.retry(database, c -> write(c, batch));
            for (int k = 0; k < batch.size(); k++) {
                batch.get(k).succeed(ids.get(k));
            }
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).fail(batchFailed);
                return;
            }
            for (Pending p : batch) {
                try {
                    p.succeed(Conflicts.retry(database, c -> write(c, List.of(p)).get(0)));
                } catch (RuntimeException e) {
                    p.fail(e);
                }
            }
        }
    }

    /**
     * Inserts a new instance and its outbox messages on {@code c}, inside the caller's transaction, and notifies other
     * nodes when it commits.
     *
     * @return its id, or the id of the instance that has its idempotency key already (then nothing is written)
     */
    String within(Connection c, WorkflowInstance instance, List<OutboxMessage> outbox) throws SQLException {
        return write(c, List.of(new Pending(instance, outbox))).get(0);
    }

    /**
     * The batch's instances: those without an idempotency key in one JDBC batch (they cannot conflict but by id, which
     * fails the batch), those with one one by one (each may turn out to exist already).
     */
    private List<String> write(Connection c, List<Pending> batch) throws SQLException {
        String[] ids = new String[batch.size()];
        List<OutboxMessage> outbox = new ArrayList<>();
        boolean due = false;
        List<Integer> keyless = new ArrayList<>();
        try (PreparedStatement keyed = c.prepareStatement(InstanceRows.INSERT)) {
            for (int k = 0; k < batch.size(); k++) {
                WorkflowInstance i = batch.get(k).instance;
                if (i.idempotencyKey == null) {
                    keyless.add(k);
                } else {
                    InstanceRows.bindInsert(keyed, i);
                    ids[k] = keyed.executeUpdate() == 1 ? i.id : existing(c, i);
                }
            }
        }
        if (!keyless.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(InstanceRows.INSERT)) {
                for (int k : keyless) {
                    InstanceRows.bindInsert(s, batch.get(k).instance);
                    s.addBatch();
                }
                s.executeBatch();
            }
            for (int k : keyless) {
                ids[k] = batch.get(k).instance.id;
            }
        }
        for (int k = 0; k < batch.size(); k++) {
            Pending p = batch.get(k);
            if (ids[k].equals(p.instance.id)) {
                outbox.addAll(p.outbox);
                due |= p.instance.nextExecution != null;
            }
        }
        if (!outbox.isEmpty()) {
            outboxRows.insert(c, outbox);
        }
        if (due) {
            notifier.notifyOthers(c);
        }
        return List.of(ids);
    }

    private static String existing(Connection c, WorkflowInstance instance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(BY_IDEMPOTENCY_KEY)) {
            s.setString(1, instance.idempotencyKey);
            try (ResultSet rows = s.executeQuery()) {
                if (rows.next()) {
                    return rows.getString(1);
                }
            }
        }
        throw new IllegalStateException("instance " + instance.id + " was neither inserted nor found by its key");
    }
}
