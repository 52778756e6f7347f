package io.reactory.workflow.security;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The caller the current thread works for. A start made while a caller is bound is checked against that caller's
 * permissions by the security start interceptor; a start made with none bound comes from inside the process (the
 * scheduler, dependencies, embedding code) and is trusted.
 *
 * <pre>{@code
 * String id = SecurityContext.callAs(caller, () -> runner.startWorkflow("data-processing", null, data));
 * }</pre>
 */
public final class SecurityContext {
    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    private SecurityContext() {}

    /** Runs {@code action} with {@code caller} bound, restoring what was bound before. */
    public static <T> T callAs(Caller caller, Supplier<T> action) {
        Caller previous = CURRENT.get();
        CURRENT.set(caller);
        try {
            return action.get();
        } finally {
            restore(previous);
        }
    }

    /**
     * Binds {@code caller} until {@link #clear()}; for frameworks whose request phases are separate callbacks on one
     * thread (before-filter, handler, after-filter). Prefer {@link #callAs}.
     */
    public static void bind(Caller caller) {
        CURRENT.set(caller);
    }

    public static void clear() {
        CURRENT.remove();
    }

    public static Optional<Caller> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    private static void restore(Caller previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
