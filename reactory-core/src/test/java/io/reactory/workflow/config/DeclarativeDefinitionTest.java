package io.reactory.workflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.config.expression.ExpressionSandbox;
import io.reactory.workflow.config.internal.DefinitionBinder;
import io.reactory.workflow.config.internal.DefinitionShape;
import io.reactory.workflow.config.internal.Problems;
import io.reactory.workflow.config.internal.SafeYaml;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A YAML workflow and the same workflow written in Java produce the same definition graph. */
class DeclarativeDefinitionTest {
    private static final String YAML = """
            id: order
            version: "2"
            description: "Order fulfilment"
            timeout: PT1H
            defaultRetry: { maximumAttempts: 5, initialInterval: PT2S }
            steps:
              - step: send-mail
                name: confirm
              - parallel:
                  - - step: reserve
                      onError: compensate
                      retry: { maximumAttempts: 2 }
                    - step: archive
                      name: archive-a
                  - - step: archive
                      name: archive-b
              - if: data.total > 100
                do:
                  - step: send-mail
                    name: notify-manager
              - foreach: data.items
                inParallel: true
                do:
                  - step: archive
                    name: archive-item
              - while: data.remaining > 0
                do:
                  - step: archive
                    name: count-down
                    timeout: PT30S
              - decide: data.country
                branches:
                  DE: [ { step: archive, name: vat-de } ]
                  FR: [ { step: archive, name: vat-fr } ]
                otherwise: [ { step: archive, name: vat-none } ]
              - delay: PT1H
              - waitFor: payment-received
                key: data.orderId
                output: { paidBy: event.by }
              - saga:
                  - step: reserve
                    name: hold
                    compensateWith:
                      - step: release
                  - step: send-mail
                    name: charge
                continueAfterCompensation: true
              - end: true
            """;

    private static WorkflowDefinition java() {
        return WorkflowDefinition.define("order", "2", Map.class, b -> b
                .description("Order fulfilment")
                .workflowTimeout(Duration.ofHours(1))
                .defaultRetry(RetryOptions.builder().maximumAttempts(5).initialInterval(Duration.ofSeconds(2)).build())
                .then("confirm", ctx -> ExecutionResult.next())
                .parallel()
                    .branch(p -> p
                        .then("reserve", ctx -> ExecutionResult.next())
                            .onError(ErrorBehavior.COMPENSATE).retry(RetryOptions.builder().maximumAttempts(2).build())
                        .then("archive-a", ctx -> ExecutionResult.next()))
                    .branch(p -> p.then("archive-b", ctx -> ExecutionResult.next()))
                .join()
                .when("data.total > 100", data -> true)
                    .then(w -> w.then("notify-manager", ctx -> ExecutionResult.next()))
                .forEach("data.items", data -> java.util.List.of()).inParallel()
                    .then(f -> f.then("archive-item", ctx -> ExecutionResult.next()))
                .repeatWhile("data.remaining > 0", data -> false)
                    .then(w -> w.then("count-down", ctx -> ExecutionResult.next()).timeout(Duration.ofSeconds(30)))
                .decide("data.country", data -> "DE")
                    .branch("DE", d -> d.then("vat-de", ctx -> ExecutionResult.next()))
                    .branch("FR", d -> d.then("vat-fr", ctx -> ExecutionResult.next()))
                    .otherwise(d -> d.then("vat-none", ctx -> ExecutionResult.next()))
                .end()
                .delay(Duration.ofHours(1))
                .waitFor("payment-received", "data.orderId", data -> "k")
                    .output((data, event) -> { })
                .saga(s -> s
                    .then("hold", ctx -> ExecutionResult.next())
                        .compensateWith("release", ctx -> ExecutionResult.next())
                    .then("charge", ctx -> ExecutionResult.next()))
                    .continueAfterCompensation()
                .endWorkflow());
    }

    @Test
    void the_yaml_and_the_java_workflow_have_the_same_graph() {
        Problems problems = new Problems();
        WorkflowDefinition yaml = new DefinitionBinder(TestStepTypes.registry(), ExpressionSandbox.create())
                .read(new SafeYaml(YamlLimits.DEFAULT).read(YAML, "definitions/order.yml").root(), problems);
        assertThat(problems.list()).isEmpty();
        WorkflowDefinition java = java();
        assertThat(DefinitionShape.full(yaml)).isEqualTo(DefinitionShape.full(java));
        assertThat(yaml.toMermaid()).isEqualTo(java.toMermaid());
        assertThat(yaml.steps()).hasSize(java.steps().size()).hasSizeGreaterThan(20);
    }
}
