package io.reactory.workflow.api;

/**
 * The code of one step. Implement it as a class (one new instance per activation, so fields can carry input and
 * output mappings) or pass it as a lambda to the builder.
 *
 * <p>Steps run at least once: after a crash the activation that was in flight runs again. Use
 * {@link StepContext#idempotencyKey()} to make external side effects idempotent.
 *
 * <pre>{@code
 * public class ChargeCard implements StepBody<Order> {
 *     public ExecutionResult run(StepContext<Order> ctx) {
 *         payments.charge(ctx.data().cardToken(), ctx.data().total(), ctx.idempotencyKey());
 *         return ExecutionResult.next();
 *     }
 * }
 * }</pre>
 *
 * @param <D> the workflow's data type
 */
@FunctionalInterface
public interface StepBody<D> {
    /**
     * Runs the step. Runs on a virtual thread; blocking I/O is fine.
     *
     * @throws Exception any failure; the step's retry policy and error behaviour decide what happens next
     */
    ExecutionResult run(StepContext<D> context) throws Exception;
}
