package io.reactory.workflow.security;

import java.util.Locale;

/**
 * What a caller wants to do, with the permission it needs. Per-workflow actions ({@code START} ... {@code RETRY}) are
 * also subject to the workflow's {@code security} configuration and namespace.
 */
public enum Action {
    START("workflow:start"),
    READ("workflow:read"),
    PAUSE("workflow:pause"),
    RESUME("workflow:resume"),
    CANCEL("workflow:cancel"),
    RETRY("workflow:retry"),
    /** Publish an event; events are not namespaced, so this needs access to every namespace. */
    PUBLISH_EVENT("events:publish"),
    READ_METRICS("metrics:read"),
    /** Schedules, configurations, the audit log, security events and API keys; needs every namespace too. */
    ADMIN("admin");

    private final String permission;

    Action(String permission) {
        this.permission = permission;
    }

    /** The permission a caller must hold, e.g. {@code workflow:start}. */
    public String permission() {
        return permission;
    }

    /** True for the actions that concern one workflow (and its instances). */
    public boolean isWorkflowAction() {
        return ordinal() <= RETRY.ordinal();
    }

    /**
     * Parses an action as the specification's {@code checkPermissions} receives it: a name ({@code "start"},
     * {@code "publish_event"}) or a permission ({@code "workflow:start"}).
     *
     * @throws IllegalArgumentException naming the accepted values when it is neither
     */
    public static Action parse(String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (Action a : values()) {
                if (a.name().toLowerCase(Locale.ROOT).equals(t) || a.permission.equals(t)) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("unknown action '" + text + "'; expected one of start, read, pause, resume,"
                + " cancel, retry, publish_event, read_metrics, admin");
    }
}
