package io.reactory.server.amqp;

import java.util.function.Supplier;

/**
 * Makes the listener's principal the caller of what the adapter does with one message (a start, an event), so that
 * start interceptors (permission checks) and audit see it. The security layer supplies one that binds its caller
 * context, for example:
 *
 * <pre>{@code
 * CallerBinding binding = new CallerBinding() {
 *     public <T> T callAs(AmqpCaller caller, Supplier<T> action) {
 *         return SecurityContext.callAs(new Caller(users.byId(caller.principal()), "amqp", caller.messageId()), action);
 *     }
 * };
 * }</pre>
 *
 * Without one ({@link #NONE}) the action runs unbound; the principal is still recorded in the instance's metadata
 * ({@code reactory.principal}). Implementations are thread-safe.
 */
public interface CallerBinding {

    CallerBinding NONE = new CallerBinding() {
        @Override
        public <T> T callAs(AmqpCaller caller, Supplier<T> action) {
            return action.get();
        }
    };

    /** Runs {@code action} as {@code caller} and returns its result; exceptions pass through. */
    <T> T callAs(AmqpCaller caller, Supplier<T> action);
}
