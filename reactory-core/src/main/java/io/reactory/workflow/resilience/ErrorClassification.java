package io.reactory.workflow.resilience;

/** The verdict of the specification's "Evaluate Error" box. */
public enum ErrorClassification {
    /** Another attempt may succeed: apply the retry policy. */
    RETRYABLE,
    /** No retry can fix it: straight to the failure behaviour. */
    NON_RETRYABLE,
    /** A classifier has no opinion; the next one (or the default, retryable) decides. */
    UNDECIDED
}
