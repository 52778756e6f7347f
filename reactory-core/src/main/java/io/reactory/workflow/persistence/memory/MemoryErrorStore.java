package io.reactory.workflow.persistence.memory;

import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.ErrorStore;
import io.reactory.workflow.persistence.ErrorSummary;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Error records in the heap; they arrive through {@code MemoryInstanceStore.commit}, under the same lock. */
final class MemoryErrorStore implements ErrorStore {
    private final MemoryState state;

    MemoryErrorStore(MemoryState state) {
        this.state = state;
    }

    @Override
    public List<ErrorRecord> findByInstance(String instanceId) {
        state.lock.lock();
        try {
            return List.copyOf(state.errorsByInstance.getOrDefault(instanceId, List.of()));
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public ErrorSummary summarize(Instant since) {
        long failures = 0;
        Map<String, Long> byType = new HashMap<>();
        Map<String, Long> byWorkflow = new HashMap<>();
        Map<ErrorRecord.Action, Long> byAction = new EnumMap<>(ErrorRecord.Action.class);
        state.lock.lock();
        try {
            for (List<ErrorRecord> records : state.errorsByInstance.values()) {
                for (ErrorRecord r : records) {
                    if (r.occurredAt().isBefore(since)) {
                        continue;
                    }
                    failures++;
                    byType.merge(r.errorType(), 1L, Long::sum);
                    byWorkflow.merge(r.workflowId(), 1L, Long::sum);
                    byAction.merge(r.action(), 1L, Long::sum);
                }
            }
        } finally {
            state.lock.unlock();
        }
        return new ErrorSummary(since, failures, byType, byWorkflow, byAction);
    }

    @Override
    public int deleteByInstance(Set<String> instanceIds) {
        int removed = 0;
        state.lock.lock();
        try {
            for (String id : instanceIds) {
                List<ErrorRecord> records = state.errorsByInstance.remove(id);
                removed += records == null ? 0 : records.size();
            }
        } finally {
            state.lock.unlock();
        }
        return removed;
    }

    @Override
    public int deleteOccurredBefore(Instant cutoff) {
        int removed = 0;
        state.lock.lock();
        try {
            for (Iterator<List<ErrorRecord>> it = state.errorsByInstance.values().iterator(); it.hasNext(); ) {
                List<ErrorRecord> records = it.next();
                int before = records.size();
                records.removeIf(r -> r.occurredAt().isBefore(cutoff));
                removed += before - records.size();
                if (records.isEmpty()) {
                    it.remove();
                }
            }
        } finally {
            state.lock.unlock();
        }
        return removed;
    }
}
