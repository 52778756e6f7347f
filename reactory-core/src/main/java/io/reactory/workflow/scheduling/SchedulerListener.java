package io.reactory.workflow.scheduling;

/**
 * Observes the scheduler after its changes are committed. Called on scheduler threads; keep it quick and never
 * throw (an exception is logged and ignored).
 */
@FunctionalInterface
public interface SchedulerListener {
    void onEvent(SchedulerEvent event);
}
