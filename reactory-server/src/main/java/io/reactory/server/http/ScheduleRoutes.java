package io.reactory.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reactory.workflow.config.CronSyntax;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.scheduling.DstGapPolicy;
import io.reactory.workflow.scheduling.DstOverlapPolicy;
import io.reactory.workflow.security.Action;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schedules CRUD, pause and resume (admin only), in the specification's schedule document shape plus a read-only
 * {@code status}; and the cron preview any caller may ask for.
 */
final class ScheduleRoutes {
    private static final int MAX_PREVIEW = 20;

    private final ScheduleService schedules;
    private final long maxBodyBytes;
    private final Clock clock;

    ScheduleRoutes(ScheduleService schedules, long maxBodyBytes, Clock clock) {
        this.schedules = schedules;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    void register(Api api) {
        api.route("GET", "/workflow/schedules", "schedule.list", RouteSpec.Access.AUTHENTICATED, this::list);
        api.route("POST", "/workflow/schedules", "schedule.create", RouteSpec.Access.AUTHENTICATED, this::create);
        api.route("GET", "/workflow/schedules/{scheduleId}", "schedule.read", RouteSpec.Access.AUTHENTICATED, this::get);
        api.route("PUT", "/workflow/schedules/{scheduleId}", "schedule.update", RouteSpec.Access.AUTHENTICATED,
                this::update);
        api.route("DELETE", "/workflow/schedules/{scheduleId}", "schedule.delete", RouteSpec.Access.AUTHENTICATED,
                this::delete);
        api.route("POST", "/workflow/schedules/{scheduleId}/pause", "schedule.pause", RouteSpec.Access.AUTHENTICATED,
                call -> pauseOrResume(call, true));
        api.route("POST", "/workflow/schedules/{scheduleId}/resume", "schedule.resume", RouteSpec.Access.AUTHENTICATED,
                call -> pauseOrResume(call, false));
        api.route("GET", "/workflow/cron/preview", "cron.preview", RouteSpec.Access.AUTHENTICATED, this::preview);
    }

    private void list(Call call) {
        call.require(Action.ADMIN);
        Api.json(call.ctx, 200, Map.of("items", schedules.list().stream().map(this::withStatus).toList()));
    }

    private void get(Call call) {
        call.require(Action.ADMIN);
        String id = call.path("scheduleId", ProblemType.SCHEDULE_NOT_FOUND);
        Api.json(call.ctx, 200, withStatus(schedules.find(id).orElseThrow(() -> notFound(id))));
    }

    /** The schedule's document with its {@code status}, which is read-only (ignored when sent back). */
    private ObjectNode withStatus(ScheduleConfig schedule) {
        ObjectNode document = ConfigDocuments.document(schedule);
        schedules.status(schedule.id()).ifPresent(s -> document.set("status", ApiJson.MAPPER.valueToTree(s)));
        return document;
    }

    private void create(Call call) {
        call.require(Action.ADMIN);
        ScheduleConfig schedule = read(call);
        call.target("schedule/" + schedule.id(), null);
        boolean created;
        try {
            created = schedules.create(schedule);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(e.getMessage());
        }
        if (!created) {
            throw new ProblemException(ProblemType.SCHEDULE_EXISTS, "schedule '" + schedule.id() + "' exists; "
                    + "use PUT /workflow/schedules/" + schedule.id() + " to change it");
        }
        call.ctx.header("Location", "/workflow/schedules/" + schedule.id());
        Api.json(call.ctx, 201, withStatus(schedule));
    }

    private void update(Call call) {
        call.require(Action.ADMIN);
        String id = call.path("scheduleId", ProblemType.SCHEDULE_NOT_FOUND);
        call.target("schedule/" + id, null);
        ScheduleConfig schedule = read(call);
        ScheduleConfig updated;
        try {
            updated = schedules.update(id, schedule).orElseThrow(() -> notFound(id));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(e.getMessage());
        }
        Api.json(call.ctx, 200, withStatus(updated));
    }

    private void delete(Call call) {
        call.require(Action.ADMIN);
        String id = call.path("scheduleId", ProblemType.SCHEDULE_NOT_FOUND);
        call.target("schedule/" + id, null);
        if (!schedules.delete(id)) {
            throw notFound(id);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scheduleId", id);
        body.put("deleted", true);
        Api.json(call.ctx, 200, body);
    }

    private void pauseOrResume(Call call, boolean pause) {
        call.require(Action.ADMIN);
        String id = call.path("scheduleId", ProblemType.SCHEDULE_NOT_FOUND);
        call.target("schedule/" + id, null);
        boolean found = pause ? schedules.pause(id) : schedules.resume(id);
        if (!found) {
            throw notFound(id);
        }
        Api.json(call.ctx, 200, withStatus(schedules.find(id).orElseThrow(() -> notFound(id))));
    }

    /**
     * The next fire times of a cron expression in a time zone. An expression or zone that is wrong is an answer, not
     * an error (200 with {@code valid: false} and the problem), so a form can check what is typed as it is typed.
     */
    private void preview(Call call) {
        String cron = Requests.textQuery(call.ctx, "cron", 200);
        String timezone = Requests.textQuery(call.ctx, "timezone", 100);
        String dstGap = Requests.textQuery(call.ctx, "dstGap", 50);
        String dstOverlap = Requests.textQuery(call.ctx, "dstOverlap", 50);
        int count = Requests.intQuery(call.ctx, "count", 5, 1, MAX_PREVIEW);
        List<Map<String, String>> problems = new ArrayList<>();
        ZoneId zone = null;
        try {
            zone = CronPreview.zone(timezone);
        } catch (IllegalArgumentException e) {
            problems.add(problem("timezone", e.getMessage()));
        }
        CronSyntax.Error error = cron == null ? new CronSyntax.Error("a cron expression is required", 0)
                : CronSyntax.check(cron);
        if (error != null) {
            problems.add(problem("cron", error.message()));
        }
        policy(problems, "dstGap", () -> DstGapPolicy.parse(dstGap));
        policy(problems, "dstOverlap", () -> DstOverlapPolicy.parse(dstOverlap));
        List<Map<String, Object>> next = new ArrayList<>();
        if (problems.isEmpty()) {
            try {
                for (Instant at : schedules.preview(new ScheduleConfig.Timing(cron, zone.getId(), true, null, null, null,
                        dstGap, dstOverlap), clock.instant(), count)) {
                    Map<String, Object> time = new LinkedHashMap<>();
                    time.put("at", at);
                    time.put("local", at.atZone(zone).toOffsetDateTime().toString());
                    next.add(time);
                }
            } catch (IllegalArgumentException e) {
                problems.add(problem("cron", e.getMessage()));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cron", cron);
        body.put("timezone", zone == null ? timezone : zone.getId());
        body.put("valid", problems.isEmpty());
        body.put("problems", problems);
        body.put("next", next);
        Api.json(call.ctx, 200, body);
    }

    private static void policy(List<Map<String, String>> problems, String field, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            problems.add(problem(field, e.getMessage()));
        }
    }

    private static Map<String, String> problem(String field, String message) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("field", field);
        m.put("message", message);
        return m;
    }

    private ScheduleConfig read(Call call) {
        ObjectNode body = Requests.jsonObject(call.ctx, maxBodyBytes, true);
        // the status is the server's to say; a document read, edited and sent back carries it
        body.remove("status");
        try {
            return ConfigDocuments.schedule(body);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(e.getMessage());
        }
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.SCHEDULE_NOT_FOUND, "schedule '" + id + "' does not exist");
    }
}
