package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.internal.GroupCommit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

/**
 * The write transactions of one process on a SQLite file. SQLite has one writer, and each commit is made durable
 * ({@code synchronous=FULL}) before the next may begin, so the commit, not the statements, bounds how many
 * transactions a second the file takes. Concurrent transactions are therefore written together (group commit): the
 * leader runs every queued work in one SQLite transaction, each inside a savepoint of its own so that a work that
 * fails undoes only its own writes and fails only its caller, and commits once for all of them.
 *
 * <p>The transactions are written by a platform thread of their own, the callers waiting. Every caller returns only
 * after the commit that holds its work. When the shared transaction fails as a whole
 * (its commit, or a failure that aborted the transaction and its savepoints), each work runs again in a transaction
 * of its own, as works already must when a transaction is retried, so one caller's failure is never another's.
 */
final class SqliteWrites implements AutoCloseable {
    /** Works per shared transaction: enough to cover every concurrent writer of a busy server. */
    private static final int MAX_BATCH = 128;

    private final Database database;
    private final GroupCommit<Write<?>> writes;

    SqliteWrites(Database database) {
        this.database = database;
        // a thread of its own: a commit waits for the disk inside JNI, which would pin a virtual thread's carrier
        this.writes = GroupCommit.onThread("reactory-sqlite-writer", MAX_BATCH, this::write);
    }

    private static final class Write<T> extends GroupCommit.Item<T> {
        final SqlWork<T> work;
        Object outcome;
        SQLException sqlFailure;
        RuntimeException failure;

        Write(SqlWork<T> work) {
            this.work = work;
        }

        @SuppressWarnings("unchecked")
        void settle() {
            if (sqlFailure != null) {
                fail(sqlFailure);
            } else if (failure != null) {
                fail(failure);
            } else {
                succeed((T) outcome);
            }
        }

        void alone(Database database) {
            try {
                succeed(database.alone(work));
            } catch (RuntimeException e) {
                fail(e);
            }
        }
    }

    <T> T run(SqlWork<T> work) {
        Write<T> mine = new Write<>(work);
        writes.submit(mine);
        if (mine.failure() instanceof SQLException e) {
            throw database.failed(e);
        }
        return mine.resultOrThrow();
    }

    int queued() {
        return writes.queued();
    }

    /** Stops the writer; transactions still queued fail. */
    @Override
    public void close() {
        writes.close();
    }

    private void write(List<Write<?>> batch) {
        if (batch.size() == 1) {
            batch.get(0).alone(database);
            return;
        }
        Connection c;
        try {
            c = database.dataSource().getConnection();
        } catch (SQLException e) {
            // nothing ran: running each alone would only wait for a connection again
            batch.forEach(w -> w.fail(database.failed(e)));
            return;
        }
        boolean committed = false;
        try (c) {
            c.setAutoCommit(false);
            try {
                for (Write<?> w : batch) {
                    runInSavepoint(c, w);
                }
                c.commit();
                committed = true;
            } catch (SQLException | RuntimeException e) {
                Database.rollback(c, e);
            } finally {
                Database.restoreAutoCommit(c);
            }
        } catch (SQLException e) {
            if (!committed) {
                batch.forEach(w -> w.fail(database.failed(e)));
                return;
            }
        }
        if (committed) {
            batch.forEach(Write::settle);
        } else {
            batch.forEach(w -> w.alone(database));
        }
    }

    /**
     * Runs one work; when it throws, its writes are undone and its failure kept for its caller. A savepoint that
     * cannot be rolled back means the transaction itself is broken: that fails the shared transaction.
     */
    private static void runInSavepoint(Connection c, Write<?> w) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            w.outcome = w.work.run(c);
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            c.rollback(savepoint);
            w.sqlFailure = e;
        } catch (RuntimeException e) {
            c.rollback(savepoint);
            w.failure = e;
        }
    }
}
