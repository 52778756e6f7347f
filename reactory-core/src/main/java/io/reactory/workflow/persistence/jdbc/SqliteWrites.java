package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.internal.GroupCommit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

/**
 * The write transactions of one process on a SQLite file. SQLite has one writer, and each commit is made durable
 * ({@code synchronous=FULL}) before the next may begin, so the commit, not the statements, bounds how many
 * transactions a second the file takes. Concurrent transactions are therefore written together (group commit): a
 * platform thread of their own runs every queued work in one SQLite transaction, each inside a savepoint of its own so
 * that a work that fails undoes only its own writes and fails only its caller, and commits once for all of them.
 *
 * <p>Every caller returns only after the commit that holds its work. When the shared transaction fails as a whole
 * (its commit, a failure that aborted the transaction and its savepoints, or another process holding the file), each
 * work runs again in a transaction of its own, as works already must when a transaction is retried, so one caller's
 * failure is never another's.
 */
final class SqliteWrites implements AutoCloseable {
    /** SQLite's primary result code for a locked file, also the base of its extended codes (BUSY_SNAPSHOT...). */
    private static final int SQLITE_BUSY = 5;
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
        /** Why the work failed inside the shared transaction (its savepoint rolled back), or null. */
        Throwable failure;

        Write(SqlWork<T> work) {
            this.work = work;
        }

        @SuppressWarnings("unchecked")
        void settle() {
            if (failure != null) {
                fail(failure);
            } else {
                succeed((T) outcome);
            }
        }

        void alone(Database database) {
            try {
                succeed(database.alone(work));
            } catch (Throwable e) {
                fail(e);
            }
        }
    }

    <T> T run(SqlWork<T> work) {
        Write<T> mine = new Write<>(work);
        writes.submit(mine);
        Throwable failure = mine.failure();
        if (failure instanceof SQLException e) {
            throw database.failed(e);
        }
        if (failure instanceof GroupCommit.ClosedException) {
            throw new StoreException("the sqlite database " + database.options().url() + " is closed", failure);
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
            // nothing ran: running each alone would only fail the same way
            batch.forEach(w -> w.fail(e));
            return;
        }
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            closeQuietly(c);
            batch.forEach(w -> w.fail(e));
            return;
        }
        boolean committed = false;
        try {
            for (Write<?> w : batch) {
                runInSavepoint(c, w);
            }
            c.commit();
            committed = true;
        } catch (Throwable e) {
            // the shared transaction failed as a whole: nothing of it is kept, each work runs again alone below
            Database.rollback(c, e);
        } finally {
            // not before the rollback: the driver's setAutoCommit(true) commits what is open
            Database.restoreAutoCommit(c);
            closeQuietly(c);
        }
        if (committed) {
            batch.forEach(Write::settle);
        } else {
            batch.forEach(w -> w.alone(database));
        }
    }

    /**
     * Runs one work; when it throws, its writes are undone and its failure kept for its caller. A savepoint that
     * cannot be rolled back means the transaction itself is broken, and a busy or stale-snapshot error (another
     * process wrote the file) would fail every later work of the batch too: either fails the shared transaction.
     */
    private static void runInSavepoint(Connection c, Write<?> w) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            w.outcome = w.work.run(c);
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if ((e.getErrorCode() & 0xff) == SQLITE_BUSY) {
                throw e;
            }
            c.rollback(savepoint);
            w.failure = e;
        } catch (Throwable e) {
            c.rollback(savepoint);
            w.failure = e;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the pool discards a connection it cannot reset; the outcome is decided already
        }
    }
}
