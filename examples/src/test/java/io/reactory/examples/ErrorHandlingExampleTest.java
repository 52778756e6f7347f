package io.reactory.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.resilience.CircuitBreakerState;
import io.reactory.workflow.testing.ManualClock;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The README's payment example behaves as the README says. */
class ErrorHandlingExampleTest {
    private final FakeServices services = new FakeServices();
    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create(new InMemoryWorkflowStore(),
            ManualClock.startingAt2026());

    static final class FakeServices implements ErrorHandling.Services {
        int chargeFailures;
        boolean declined;
        boolean shippingDown;
        final List<String> calls = new ArrayList<>();

        @Override
        public String charge(String orderId) {
            calls.add("charge");
            if (declined) {
                throw new ErrorHandling.CardDeclinedException("insufficient funds");
            }
            if (chargeFailures-- > 0) {
                throw new IllegalStateException("payment provider unavailable");
            }
            return "ch-1";
        }

        @Override
        public void refund(String chargeId) {
            calls.add("refund " + chargeId);
        }

        @Override
        public String bookShipment(String orderId) {
            calls.add("book");
            if (shippingDown) {
                throw new IllegalStateException("carrier unavailable");
            }
            return "sh-1";
        }
    }

    @AfterEach
    void close() {
        env.close();
    }

    private InstanceInfo run() {
        env.runner().errorHandler().configureCircuitBreaker("payments",
                ErrorHandling.errorHandlerOptions().circuitBreakers().get("payments"));
        env.runner().registerWorkflow(ErrorHandling.paymentDefinition(services));
        ErrorHandling.Payment payment = new ErrorHandling.Payment();
        payment.orderId = "A-17";
        return env.runToCompletion(env.runner().startWorkflow("payment", null, payment));
    }

    @Test
    void a_charge_that_fails_twice_is_retried_with_backoff_and_the_payment_completes() {
        services.chargeFailures = 2;
        InstanceInfo done = run();

        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(services.calls).containsExactly("charge", "charge", "charge", "book");
        assertThat(env.runner().errorHandler().errors(done.instanceId())).extracting(ErrorRecord::action)
                .containsExactly(ErrorRecord.Action.RETRY, ErrorRecord.Action.RETRY);
        assertThat(env.runner().errorHandler().circuitBreaker("payments").state()).isEqualTo(CircuitBreakerState.CLOSED);
        ErrorHandling.report(env.runner(), done.instanceId());
    }

    @Test
    void a_declined_card_is_not_retried() {
        services.declined = true;
        InstanceInfo done = run();

        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(services.calls).containsExactly("charge");
    }

    @Test
    void a_failed_shipment_booking_refunds_the_charge_at_once() {
        services.shippingDown = true;
        InstanceInfo done = run();

        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(done.failureReason()).isEqualTo("COMPENSATED");
        assertThat(services.calls).containsExactly("charge", "book", "refund ch-1");
        assertThat(Json.convert(done.data(), ErrorHandling.Payment.class).chargeId).isEqualTo("ch-1");
    }
}
