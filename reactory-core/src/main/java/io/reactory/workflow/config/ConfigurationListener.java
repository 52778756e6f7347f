package io.reactory.workflow.config;

/**
 * Told about configuration changes: the scheduler re-reads schedules, the lifecycle manager concurrency limits and
 * dependencies, security and metrics their sections. Called on the reloading thread after the new set is in force;
 * a listener that throws is logged and does not undo the reload.
 */
public interface ConfigurationListener {

    /** A new configuration is in force; {@code previous} is the one it replaced ({@link ConfigurationSet#EMPTY} first). */
    default void applied(ConfigurationSet current, ConfigurationSet previous) {}

    /** A changed configuration was invalid and refused; the previous one stays in force. */
    default void rejected(ValidationResult problems) {}
}
