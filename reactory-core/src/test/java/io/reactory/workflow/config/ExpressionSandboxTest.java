package io.reactory.workflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.config.expression.Expression;
import io.reactory.workflow.config.expression.ExpressionException;
import io.reactory.workflow.config.expression.ExpressionSandbox;
import io.reactory.workflow.config.expression.ExpressionSandbox.ResultType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ExpressionSandboxTest {
    private final ExpressionSandbox sandbox = ExpressionSandbox.create();

    @Test
    void evaluates_conditions_and_values_on_plain_data() {
        Expression big = sandbox.compile("data.amount > 100 && data.items.exists(i, i.sku == 'A')", Set.of("data"), ResultType.BOOL);
        Map<String, Object> data = Map.of("amount", 150, "items", List.of(Map.of("sku", "A")));
        assertThat(big.test(Map.of("data", data))).isTrue();
        assertThat(sandbox.compile("data.items.map(i, i.sku)", Set.of("data"), ResultType.ANY).evaluate(Map.of("data", data)))
                .isEqualTo(List.of("A"));
        assertThat(sandbox.compile("duration('90s')", Set.of(), ResultType.ANY).evaluate(Map.of()))
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void expressions_cannot_reach_java_classes() {
        for (String attempt : List.of("java.lang.Runtime.getRuntime().exec('id')",
                "Class.forName('java.lang.System')",
                "T(java.lang.System).exit(1)",
                "data.getClass().getClassLoader()",
                "''.getClass()")) {
            assertThatThrownBy(() -> sandbox.compile(attempt, Set.of("data"), ResultType.ANY))
                    .as(attempt).isInstanceOf(ExpressionException.class);
        }
    }

    @Test
    void expressions_see_only_the_variables_of_their_place() {
        assertThatThrownBy(() -> sandbox.compile("result.total > 1", Set.of("data"), ResultType.BOOL))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("undeclared reference to 'result'")
                .hasMessageContaining("available here: data");
    }

    @Test
    void a_loop_cannot_be_written_and_nested_comprehensions_are_stopped_quickly() {
        assertThatThrownBy(() -> sandbox.compile("while (true) {}", Set.of("data"), ResultType.ANY))
                .isInstanceOf(ExpressionException.class);
        List<Long> items = LongStream.range(0, 1000).boxed().toList();
        Expression explosive = sandbox.compile(
                "data.items.all(a, data.items.all(b, data.items.all(c, a + b + c >= 0)))", Set.of("data"), ResultType.BOOL);
        long started = System.nanoTime();
        assertThatThrownBy(() -> explosive.test(Map.of("data", Map.of("items", items))))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_comprehension_longer_than_the_iteration_limit_is_stopped() {
        ExpressionSandbox small = ExpressionSandbox.create(
                new io.reactory.workflow.config.expression.ExpressionLimits(2_000, 32, 100, 100_000, 1 << 20, 10_000));
        List<Long> items = LongStream.range(0, 500).boxed().toList();
        Expression all = small.compile("data.items.all(i, i >= 0)", Set.of("data"), ResultType.BOOL);
        assertThatThrownBy(() -> all.test(Map.of("data", Map.of("items", items))))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("iterations");
    }

    @Test
    void unbounded_allocation_is_stopped() {
        String big = "x".repeat(600_000);
        Expression doubling = sandbox.compile("data.s + data.s + data.s + data.s", Set.of("data"), ResultType.ANY);
        assertThatThrownBy(() -> doubling.evaluate(Map.of("data", Map.of("s", big))))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("string grew past");
        List<Long> items = new ArrayList<>(LongStream.range(0, 5_000).boxed().toList());
        Expression growing = sandbox.compile("data.l + data.l + data.l", Set.of("data"), ResultType.ANY);
        assertThatThrownBy(() -> growing.evaluate(Map.of("data", Map.of("l", items))))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("list grew past");
    }

    @Test
    void regular_expressions_run_in_linear_time() {
        Expression redos = sandbox.compile("data.s.matches('^(a+)+$')", Set.of("data"), ResultType.BOOL);
        long started = System.nanoTime();
        assertThat(redos.test(Map.of("data", Map.of("s", "a".repeat(5000) + "!")))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void overlong_and_too_deep_expressions_are_refused() {
        assertThatThrownBy(() -> sandbox.compile("1 + ".repeat(1000) + "1", Set.of(), ResultType.ANY))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> sandbox.compile("(".repeat(200) + "1" + ")".repeat(200), Set.of(), ResultType.ANY))
                .isInstanceOf(ExpressionException.class);
    }

    @Test
    void a_condition_must_be_boolean() {
        assertThatThrownBy(() -> sandbox.compile("1 + 2", Set.of("data"), ResultType.BOOL))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("bool");
    }
}
