package io.reactory.workflow.persistence;

import java.time.Instant;
import java.util.Map;

/**
 * Error records counted since a point in time, across every node writing to the store.
 *
 * @param failures      records in all
 * @param byErrorType   records per exception class name
 * @param byWorkflow    records per workflow id
 * @param byAction      records per action the ErrorHandler took ({@code RETRY} is the number of retries scheduled)
 */
public record ErrorSummary(Instant since, long failures, Map<String, Long> byErrorType, Map<String, Long> byWorkflow,
                           Map<ErrorRecord.Action, Long> byAction) {
    public ErrorSummary {
        byErrorType = Map.copyOf(byErrorType);
        byWorkflow = Map.copyOf(byWorkflow);
        byAction = Map.copyOf(byAction);
    }

    /** Retries that were scheduled. */
    public long retries() {
        return byAction.getOrDefault(ErrorRecord.Action.RETRY, 0L);
    }
}
