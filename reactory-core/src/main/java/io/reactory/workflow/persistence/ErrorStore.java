package io.reactory.workflow.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The ErrorHandler's records of failures. Records are written only by {@link InstanceStore#commit}, in the same
 * transaction as the instance state they explain ({@link InstanceStore.InstanceCommit#errors()}), so a commit that
 * loses its lease writes none, and a record never exists without the state it led to. Thread-safe.
 */
public interface ErrorStore {

    /** The records of one instance, oldest first; empty for an unknown instance. */
    List<ErrorRecord> findByInstance(String instanceId);

    /** Counts of the records that occurred at or after {@code since}. */
    ErrorSummary summarize(Instant since);

    /** Removes the records of these instances (cleanup of removed instances); returns how many were removed. */
    int deleteByInstance(Set<String> instanceIds);

    /** Removes records that occurred before {@code cutoff} (retention); returns how many were removed. */
    int deleteOccurredBefore(Instant cutoff);
}
