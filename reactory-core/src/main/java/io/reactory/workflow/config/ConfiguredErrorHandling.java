package io.reactory.workflow.config;

import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.definition.WorkflowOptions;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * What the specification's YAML says about error handling, as the engine's options. The ConfigurationManager applies
 * a workflow file's {@code maxRetries} and {@code timeout} to the registered definition; the Scheduler turns a
 * schedule's {@code retry} section into the retry options of its runs.
 *
 * <p>Precedence, most specific first: a step's own {@code .retry(...)} in code; the workflow's configuration; the
 * workflow's {@code defaultRetry} in code; {@link RetryOptions#DEFAULT}. A configured {@code timeout} replaces the
 * {@code workflowTimeout} written in code.
 *
 * <pre>{@code
 * registry.replace(ConfiguredErrorHandling.apply(config, registry.get(config.id(), config.version())));
 * }</pre>
 */
public final class ConfiguredErrorHandling {
    private ConfiguredErrorHandling() {}

    /**
     * The workflow file's {@code maxRetries} (retries after the first attempt, so {@code maxRetries: 3} means four
     * attempts in all) on top of {@code base}; {@code base} itself when the file does not set it.
     *
     * @throws IllegalArgumentException when {@code maxRetries} is negative
     */
    public static RetryOptions retryOptions(WorkflowConfig config, RetryOptions base) {
        Objects.requireNonNull(base, "base");
        Integer maxRetries = config.maxRetries();
        if (maxRetries == null) {
            return base;
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("workflow '" + config.id() + "': maxRetries must be 0 or more but was "
                    + maxRetries);
        }
        return base.toBuilder().maximumAttempts(Math.addExact(maxRetries, 1)).build();
    }

    /**
     * A schedule's {@code retry} section: {@code attempts} in all, a fixed {@code delay} (seconds) between them, on
     * top of {@code base}; {@code base} itself for an absent section or field.
     *
     * @throws IllegalArgumentException when {@code attempts} is below 1 or {@code delay} is negative
     */
    public static RetryOptions retryOptions(ScheduleConfig.Retry retry, RetryOptions base) {
        Objects.requireNonNull(base, "base");
        if (retry == null) {
            return base;
        }
        RetryOptions.Builder builder = base.toBuilder();
        if (retry.attempts() != null) {
            if (retry.attempts() < 1) {
                throw new IllegalArgumentException("retry.attempts must be at least 1 but was " + retry.attempts());
            }
            builder.maximumAttempts(retry.attempts());
        }
        if (retry.delay() != null) {
            if (retry.delay() < 0) {
                throw new IllegalArgumentException("retry.delay must be 0 or more seconds but was " + retry.delay());
            }
            Duration delay = retry.delayDuration();
            builder.initialInterval(delay).maximumInterval(delay).backoffCoefficient(1.0);
        }
        return builder.build();
    }

    /**
     * The workflow options with the file's {@code maxRetries} applied to the default retry and its {@code timeout}
     * replacing the workflow timeout (when set).
     *
     * @throws IllegalArgumentException when {@code maxRetries} is negative or {@code timeout} is not positive
     */
    public static WorkflowOptions workflowOptions(WorkflowConfig config, WorkflowOptions base) {
        Objects.requireNonNull(config, "config");
        WorkflowOptions options = base.withDefaultRetry(retryOptions(config, base.defaultRetry()));
        if (config.timeoutMillis() != null) {
            if (config.timeoutMillis() <= 0) {
                throw new IllegalArgumentException("workflow '" + config.id() + "': timeout must be a positive number of "
                        + "milliseconds but was " + config.timeoutMillis());
            }
            options = options.withTimeout(config.timeout());
        }
        return options;
    }

    /** The definition with {@link #workflowOptions} applied; register it with {@code WorkflowRegistry.replace}. */
    public static WorkflowDefinition apply(WorkflowConfig config, WorkflowDefinition definition) {
        return definition.withOptions(workflowOptions(config, definition.options()));
    }
}
