/**
 * The durable store in SQL: the embedded SQLite file (the default) and PostgreSQL (clusters). {@link
 * io.reactory.workflow.persistence.jdbc.Database} owns the pool, the Flyway migrations and the transaction discipline;
 * one {@code Jdbc*Store} per aggregate holds that aggregate's SQL, dialect differences switched on
 * {@link io.reactory.workflow.persistence.jdbc.Dialect}. Times are epoch microseconds
 * ({@link io.reactory.workflow.persistence.jdbc.Micros}); leases and heartbeats are judged by the database's clock
 * unless a test asks for the engine's ({@link io.reactory.workflow.persistence.jdbc.DatabaseOptions.LeaseClock}).
 */
package io.reactory.workflow.persistence.jdbc;
