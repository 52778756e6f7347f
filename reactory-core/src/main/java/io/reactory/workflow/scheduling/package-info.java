/**
 * The Scheduler: cron schedules in time zones that start workflows ({@link
 * io.reactory.workflow.scheduling.WorkflowScheduler}). Cron parsing ({@link
 * io.reactory.workflow.scheduling.CronExpression}), fire times with explicit daylight-saving rules ({@link
 * io.reactory.workflow.scheduling.FireTimes}), the validated schedule model ({@link
 * io.reactory.workflow.scheduling.Schedule}), misfire and overlap policies, retries and timeouts of scheduled runs,
 * exactly-once firing across the nodes sharing a store, and the YAML loader ({@link
 * io.reactory.workflow.scheduling.ScheduleFiles}).
 */
package io.reactory.workflow.scheduling;
