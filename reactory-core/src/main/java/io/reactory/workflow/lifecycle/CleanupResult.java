package io.reactory.workflow.lifecycle;

/**
 * What one cleanup run removed.
 *
 * @param instances instances removed, with their signals, subscriptions, error records, dependencies and queue entries
 * @param events    published events older than the event retention
 * @param skipped   instances due for removal that another node held (they are removed by a later run)
 */
public record CleanupResult(int instances, int events, int skipped) {}
