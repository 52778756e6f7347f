package io.reactory.workflow.persistence;

import java.time.Instant;

/**
 * A published event as stored.
 *
 * @param seq store-assigned, increasing in publication order
 */
public record Event(String id, String name, String key, Payload data, Instant publishedAt, long seq) {}
