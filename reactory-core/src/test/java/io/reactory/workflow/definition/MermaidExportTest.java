package io.reactory.workflow.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StepBody;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MermaidExportTest {
    @SuppressWarnings("rawtypes")
    private static final StepBody<Map> NOOP = ctx -> ExecutionResult.next();

    @Test
    void a_sequence_is_a_chain_of_arrows_from_start_to_end() {
        WorkflowDefinition definition = WorkflowDefinition.define("seq", "1", Map.class, b -> b
                .startWith("a", NOOP).then("b", NOOP));

        assertThat(definition.toMermaid()).isEqualTo("""
                flowchart TD
                    start(("start"))
                    s0["a"]
                    s1["b"]
                    s0 --> s1
                    start --> s0
                    finish(("end"))
                    s1 --> finish
                """);
    }

    @Test
    void every_primitive_is_drawn() {
        WorkflowDefinition definition = WorkflowDefinition.define("all", "1", Map.class, b -> b
                .startWith("init", NOOP)
                .parallel()
                    .branch(x -> x.startWith("left", NOOP))
                    .branch(x -> x.startWith("right", NOOP))
                .join()
                .when("d.ok", d -> true).then(x -> x.startWith("yes-path", NOOP))
                .decide("d.kind", d -> "a").branch("a", x -> x.startWith("kind-a", NOOP)).end()
                .forEach("d.items", d -> List.of()).then(x -> x.startWith("item", NOOP))
                .repeatWhile(d -> false).then(x -> x.startWith("again", NOOP))
                .delay(Duration.ofMinutes(5))
                .waitFor("paid", "d.orderId", d -> "k")
                .saga(s -> s.startWith("book", NOOP).compensateWith("unbook", NOOP))
                .endWorkflow());

        String mermaid = definition.toMermaid();
        assertThat(mermaid).startsWith("flowchart TD\n")
                .contains("{{\"parallel\"}}", "s1_join{{\"join\"}}", "{\"if: d.ok\"}", "-->|\"yes\"|", "-->|\"no\"|",
                        "{\"decide: d.kind\"}", "-->|\"a\"|", "[[\"foreach: d.items\"]]", "[[\"while\"]]",
                        "([\"delay: PT5M\"])", ">\"waitFor-paid: d.orderId\"]", "subgraph", "-. compensate .->",
                        "(((\"end\")))");
        assertThat(mermaid).doesNotContain("finish\n    s");
    }
}
