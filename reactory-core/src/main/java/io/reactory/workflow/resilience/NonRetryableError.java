package io.reactory.workflow.resilience;

/**
 * Marks an exception type as never worth retrying (bad input, a business rule, a permanent refusal): a step that
 * throws it goes straight to its failure behaviour, whatever its retry options say.
 *
 * <pre>{@code
 * class OrderRejectedException extends RuntimeException implements NonRetryableError { ... }
 * }</pre>
 */
public interface NonRetryableError {}
