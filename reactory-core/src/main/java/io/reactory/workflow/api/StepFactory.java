package io.reactory.workflow.api;

/**
 * Creates step instances for step classes, one per activation. The default uses the public no-argument
 * constructor; supply your own to get steps from a dependency-injection container.
 */
@FunctionalInterface
public interface StepFactory {
    /**
     * @throws RuntimeException when the type cannot be created (the definition is refused at registration)
     */
    StepBody<?> create(Class<?> stepType);
}
