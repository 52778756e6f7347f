package io.reactory.server.amqp;

import com.rabbitmq.client.AMQP;
import io.reactory.workflow.api.WorkflowRunner;

/**
 * Delivers one event message to the runner ({@link WorkflowRunner#publishEvent}), which satisfies the matching
 * {@code waitFor} of running instances. Thread-safe. A redelivered message publishes the event again: delivery is
 * at least once, and an instance waiting for the event takes the first one.
 */
final class EventHandler {
    private final WorkflowRunner runner;
    private final CallerBinding binding;
    private final String principal;
    private final String queue;
    private final int maxBytes;
    private final Attempts attempts;

    EventHandler(WorkflowRunner runner, CallerBinding binding, AmqpOptions options, Attempts attempts) {
        this.runner = runner;
        this.binding = binding;
        this.principal = options.principal();
        this.queue = options.eventQueue();
        this.maxBytes = options.maxMessageBytes();
        this.attempts = attempts;
    }

    Outcome handle(AMQP.BasicProperties props, byte[] body) {
        EventMessage message;
        try {
            message = EventMessage.parse(props, body, maxBytes);
        } catch (InvalidMessageException e) {
            return new Outcome.DeadLetter(e.reason(), e.getMessage(), 0);
        }
        String messageId = props == null ? null : props.getMessageId();
        String attemptKey = messageId != null ? "amqp:" + messageId : "sha256:" + TriggerHandler.sha256(body);
        try {
            String id = binding.callAs(new AmqpCaller(principal, queue, messageId, AmqpCaller.PUBLISH_EVENT,
                            "event/" + message.eventName()),
                    () -> runner.publishEvent(message.eventName(), message.eventKey(), message.data()));
            attempts.succeeded(attemptKey);
            return new Outcome.Done(id);
        } catch (RuntimeException e) {
            Failures.Classified failure = Failures.classify(e);
            if (failure.permanent()) {
                DeadLetterReason reason = failure.reason() == DeadLetterReason.INVALID_DATA
                        ? DeadLetterReason.INVALID_MESSAGE : failure.reason();
                return new Outcome.DeadLetter(reason, failure.detail(), attempts.failuresOf(attemptKey));
            }
            return attempts.failed(attemptKey, failure.detail());
        }
    }
}
