/**
 * System health for probes and operators: components implement {@link io.reactory.workflow.health.HealthIndicator},
 * {@link io.reactory.workflow.health.SystemHealth} combines them into readiness (critical components) and liveness
 * (the engine), and the server answers {@code GET /workflow/status} with it.
 */
package io.reactory.workflow.health;
