package io.reactory.workflow.persistence.jdbc.durability;

import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.persistence.WorkflowStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Starts instances of {@link FiveSteps}, several at a time (each start is its own transaction). */
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
     * Stores {@code count} instances from the test JVM, before any engine node runs, so that nodes launched together
     * all find the same work (a node that had to create them first would start late).
     */
    static void store(WorkflowStore store, int count) {
        // Never initialized: this runner only writes the instances, it claims and runs nothing.
        try (WorkflowRunner runner = WorkflowRunner.builder().store(store).workflow(FiveSteps.startOnly()).build()) {
            start(runner, count, 4);
        }
    }
}
