package io.reactory.examples;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.scheduling.ScheduleFiles;
import io.reactory.workflow.scheduling.ScheduledWorkflow;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The specification's scheduled report: a workflow started every morning by {@code config/schedules/daily-reports.yml}. */
public final class ScheduledReports {
    private ScheduledReports() {}

    /** Data of the report workflow; the schedule's {@code properties} fill it. */
    public static class Reports {
        public List<String> reportTypes = new ArrayList<>();
        public String outputPath;
        public List<String> written = new ArrayList<>();
    }

    /** The workflow {@code daily-reports.yml} starts: one report file per report type. */
    public static WorkflowDefinition generateReports() {
        return WorkflowDefinition.define("generate-reports", "1.0", Reports.class, b -> b
                .startWith("write-reports", ctx -> {
                    for (String type : ctx.data().reportTypes) {
                        ctx.data().written.add(ctx.data().outputPath + "/" + type);
                    }
                    return ExecutionResult.next();
                }));
    }

    /** Starts a scheduler on the runner with the schedules of a {@code config/schedules} directory. */
    public static WorkflowScheduler start(WorkflowRunner runner, Path schedules) {
        // tag::scheduler[]
        WorkflowScheduler scheduler = WorkflowScheduler.builder(runner).build(); // schedules live in the runner's store
        scheduler.initialize();                                                  // one timer thread for every schedule
        ScheduleFiles.apply(scheduler, ScheduleFiles.readDirectory(schedules));  // add new files, update changed ones

        scheduler.pauseSchedule("daily-reports");
        scheduler.resumeSchedule("daily-reports");
        ScheduledWorkflow status = scheduler.getScheduleStatus("daily-reports");
        System.out.println("next " + status.nextFireTime() + ", last " + status.lastOutcome()
                + ", in flight " + status.runsInFlight() + ", failures in a row " + status.consecutiveFailures());
        // end::scheduler[]
        return scheduler;
    }
}
