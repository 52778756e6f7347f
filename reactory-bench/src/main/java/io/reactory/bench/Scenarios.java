package io.reactory.bench;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.definition.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The workflows the harness runs; each counts its user-step activations per instance. */
final class Scenarios {
    private Scenarios() {}

    /** Benchmark data: a few fields, so serialisation costs something realistic. */
    public static class BenchData {
        public String key;
        public int counter;
        public List<Integer> items = new ArrayList<>();
    }

    record Scenario(String name, WorkflowDefinition definition, int stepsPerWorkflow, boolean needsEvent) {}

    static List<String> names() {
        return List.of("seq3", "foreach10", "parallel4", "event", "amqp-start");
    }

    static Scenario get(String name) {
        return switch (name) {
            case "seq3" -> new Scenario(name, WorkflowDefinition.define("seq3", "1", BenchData.class, b -> b
                    .startWith("one", ctx -> {
                        ctx.data().counter++;
                        return ExecutionResult.next();
                    })
                    .then("two", ctx -> {
                        ctx.data().counter++;
                        return ExecutionResult.next();
                    })
                    .then("three", ctx -> {
                        ctx.data().counter++;
                        return ExecutionResult.next();
                    })), 3, false);
            case "foreach10" -> new Scenario(name, WorkflowDefinition.define("foreach10", "1", BenchData.class, b -> b
                    .forEach(d -> d.items).then(each -> each.startWith("item", ctx -> {
                        ctx.data().counter++;
                        return ExecutionResult.next();
                    }))), 10, false);
            case "parallel4" -> new Scenario(name, WorkflowDefinition.define("parallel4", "1", BenchData.class, b -> b
                    .parallel()
                        .branch(x -> x.startWith("a", ctx -> ExecutionResult.next()))
                        .branch(x -> x.startWith("b", ctx -> ExecutionResult.next()))
                        .branch(x -> x.startWith("c", ctx -> ExecutionResult.next()))
                        .branch(x -> x.startWith("d", ctx -> ExecutionResult.next()))
                    .join()), 4, false);
            case "event" -> new Scenario(name, WorkflowDefinition.define("event", "1", BenchData.class, b -> b
                    .waitFor("go", d -> d.key)
                    .then("after", ctx -> {
                        ctx.data().counter++;
                        return ExecutionResult.next();
                    })), 1, true);
            default -> throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", names()));
        };
    }

    static BenchData input(String scenario, int index) {
        BenchData data = new BenchData();
        data.key = "k" + index;
        if (scenario.equals("foreach10")) {
            for (int i = 0; i < 10; i++) {
                data.items.add(i);
            }
        }
        return data;
    }

    static Map<String, Object> describe(Scenario s) {
        return Map.of("scenario", s.name(), "steps_per_workflow", s.stepsPerWorkflow());
    }
}
