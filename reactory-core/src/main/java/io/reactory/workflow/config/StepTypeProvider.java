package io.reactory.workflow.config;

/**
 * Contributes step types to {@link StepTypeRegistry#fromServiceLoader}: list the implementing class in
 * {@code META-INF/services/io.reactory.workflow.config.StepTypeProvider}. The CLI's {@code config validate} uses this
 * to know the step types a deployment has.
 */
@FunctionalInterface
public interface StepTypeProvider {
    void register(StepTypeRegistry registry);
}
