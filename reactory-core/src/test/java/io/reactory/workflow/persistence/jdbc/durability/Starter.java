package io.reactory.workflow.persistence.jdbc.durability;

import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.internal.Ids;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.persistence.jdbc.JdbcWorkflowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Starts instances of {@link FiveSteps}: through a runner, or stored in bulk before any node runs. */
final class Starter {
    private Starter() {}

    /** Starts {@code count} instances through {@code runner}, {@code threads} at a time; returns their ids. */
    static List<String> start(WorkflowRunner runner, int count, int threads) {
        ExecutorService starters = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> started = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                started.add(starters.submit(() -> runner.startWorkflow(FiveSteps.ID, new FiveSteps.Trail())));
            }
            List<String> ids = new ArrayList<>(count);
            for (Future<String> f : started) {
                ids.add(f.get());
            }
            return ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not start an instance", e.getCause());
        } finally {
            starters.shutdown();
        }
    }

    /**
     * Stores {@code count} new PENDING instances of {@link FiveSteps} as {@code WorkflowRunner.startWorkflow} would
     * create them, a thousand per transaction. One start per transaction costs a commit each, serialised on
     * PostgreSQL by the store's NOTIFY: ten thousand of them took half a minute on this machine, while what a
     * cluster test measures is the engines running them.
     */
    static void store(JdbcWorkflowStore store, int count) {
        Instant now = Instant.now();
        for (int done = 0; done < count; ) {
            int batch = Math.min(1_000, count - done);
            store.database().transaction(c -> {
                for (int i = 0; i < batch; i++) {
                    store.instances().createWithin(c, pending(now), List.of());
                }
                return null;
            });
            done += batch;
        }
    }

    private static WorkflowInstance pending(Instant now) {
        WorkflowInstance instance = new WorkflowInstance();
        instance.id = Ids.newId(now.toEpochMilli());
        instance.workflowId = FiveSteps.ID;
        instance.version = "1";
        instance.status = WorkflowStatus.PENDING;
        instance.data = Payload.of(new FiveSteps.Trail());
        instance.createdAt = now;
        instance.nextExecution = now;
        return instance;
    }
}
