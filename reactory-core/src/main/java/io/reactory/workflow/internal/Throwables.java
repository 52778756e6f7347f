package io.reactory.workflow.internal;

/** Which failures a long-running loop survives. */
public final class Throwables {
    private Throwables() {}

    /**
     * Whether a loop thread should end on this failure instead of logging it and going on. Errors a listener or a
     * store can throw ({@code AssertionError}, {@code LinkageError}, {@code StackOverflowError}: its stack has
     * unwound) leave the JVM sound, so the loop survives them. Other {@link VirtualMachineError}s (out of memory, an
     * internal error) do not: a loop that kept claiming work would only fail again half-way through it, so it ends,
     * its thread's death shows in the health checks, and its leases expire to the other nodes.
     */
    public static boolean isFatal(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }
}
