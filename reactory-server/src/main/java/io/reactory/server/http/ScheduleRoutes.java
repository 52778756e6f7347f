package io.reactory.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.security.Action;
import java.util.LinkedHashMap;
import java.util.Map;

/** Schedules CRUD (admin only), in the specification's schedule document shape. */
final class ScheduleRoutes {
    private final ScheduleService schedules;
    private final long maxBodyBytes;

    ScheduleRoutes(ScheduleService schedules, long maxBodyBytes) {
        this.schedules = schedules;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(Api api) {
        api.route("GET", "/workflow/schedules", "schedule.list", RouteSpec.Access.AUTHENTICATED, this::list);
        api.route("POST", "/workflow/schedules", "schedule.create", RouteSpec.Access.AUTHENTICATED, this::create);
        api.route("GET", "/workflow/schedules/{scheduleId}", "schedule.read", RouteSpec.Access.AUTHENTICATED, this::get);
        api.route("PUT", "/workflow/schedules/{scheduleId}", "schedule.update", RouteSpec.Access.AUTHENTICATED,
                this::update);
        api.route("DELETE", "/workflow/schedules/{scheduleId}", "schedule.delete", RouteSpec.Access.AUTHENTICATED,
                this::delete);
    }

    private void list(Call call) {
        call.require(Action.ADMIN);
        Api.json(call.ctx, 200, Map.of("items", schedules.list().stream().map(ConfigDocuments::document).toList()));
    }

    private void get(Call call) {
        call.require(Action.ADMIN);
        String id = call.path("scheduleId", ProblemType.SCHEDULE_NOT_FOUND);
        Api.json(call.ctx, 200, ConfigDocuments.document(schedules.find(id).orElseThrow(() -> notFound(id))));
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
        Api.json(call.ctx, 201, ConfigDocuments.document(schedule));
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
        Api.json(call.ctx, 200, ConfigDocuments.document(updated));
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

    private ScheduleConfig read(Call call) {
        ObjectNode body = Requests.jsonObject(call.ctx, maxBodyBytes, true);
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
