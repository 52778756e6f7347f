package io.reactory.workflow.api;

import io.reactory.workflow.definition.WorkflowDefinition;

/**
 * Sees every start request before the instance is created: configuration applies defaults and refuses disabled
 * workflows, security checks permissions, the lifecycle manager gates dependencies. Interceptors run in
 * registration order; each receives the previous one's result.
 */
@FunctionalInterface
public interface StartInterceptor {

    /**
     * @return the request to continue with (the same one, or a changed copy)
     * @throws WorkflowException (or IllegalArgumentException for bad input) to refuse the start
     */
    StartRequest beforeStart(StartRequest request);

    /**
     * A start on its way in.
     *
     * @param data    the input data as the caller gave it (converted to the data type after the interceptors)
     * @param options priority, reference, metadata, idempotency key, namespace, start time
     */
    record StartRequest(WorkflowDefinition definition, Object data, StartOptions options) {
        public StartRequest withData(Object value) {
            return new StartRequest(definition, value, options);
        }

        public StartRequest withOptions(StartOptions value) {
            return new StartRequest(definition, data, value);
        }
    }
}
