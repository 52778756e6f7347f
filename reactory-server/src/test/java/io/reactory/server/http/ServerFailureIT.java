package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.ApiKeyStore;
import io.reactory.workflow.persistence.AuditStore;
import io.reactory.workflow.persistence.EventStore;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.security.RateLimitOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failure of the server itself: a 500 problem with a request id, no internals, and an audit entry. */
class ServerFailureIT {
    private final BrokenReadsStore store = new BrokenReadsStore();
    private final TestServer t = new TestServer(RateLimitOptions.disabled(), store);

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void a_failing_store_read_is_a_500_problem_that_hides_the_cause_and_is_audited() {
        String id = t.http.post("/workflow/start/orders", "{}").bearer(t.operator).send().json().path("instanceId").asText();
        store.failReads = true;
        Http.Response read = t.http.get("/workflow/instance/" + id).bearer(t.operator).send();
        assertThat(read.status()).isEqualTo(500);
        assertThat(read.problem()).isEqualTo("internal-error");
        assertThat(read.body()).doesNotContain("disk on fire").doesNotContain("Exception");
        String requestId = read.header("X-Request-Id").orElseThrow();
        assertThat(read.json().path("detail").asText()).contains(requestId);

        Http.Response pause = t.http.post("/workflow/instance/" + id + "/pause", null).bearer(t.operator).send();
        assertThat(pause.status()).isEqualTo(500);
        store.failReads = false;
        var entry = t.http.get("/workflow/audit?action=instance.pause").bearer(t.admin).send().json().path("items").get(0);
        assertThat(entry.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(entry.path("status").asInt()).isEqualTo(500);
        assertThat(entry.path("detail").asText()).isEqualTo("internal-error");
        assertThat(t.http.get("/workflow/instance/" + id).bearer(t.operator).send().status()).isEqualTo(200);
    }

    /** The in-memory store whose instance reads can be made to fail, as a broken database would. */
    static final class BrokenReadsStore implements WorkflowStore {
        private final InMemoryWorkflowStore delegate = new InMemoryWorkflowStore();
        volatile boolean failReads;
        private final InstanceStore instances = new InstanceStore() {
            private final InstanceStore d = delegate.instances();

            @Override
            public String create(WorkflowInstance instance) {
                return d.create(instance);
            }

            @Override
            public Optional<WorkflowInstance> find(String instanceId) {
                if (failReads) {
                    throw new IllegalStateException("disk on fire at /var/lib/secret");
                }
                return d.find(instanceId);
            }

            @Override
            public List<WorkflowInstance> find(InstanceQuery query) {
                return d.find(query);
            }

            @Override
            public Map<WorkflowStatus, Long> countByStatus() {
                return d.countByStatus();
            }

            @Override
            public List<Claim> claim(ClaimRequest request) {
                return d.claim(request);
            }

            @Override
            public Optional<Claim> claimById(String instanceId, String owner, Duration lease, Instant now) {
                return d.claimById(instanceId, owner, lease, now);
            }

            @Override
            public List<CommitResult> commit(List<InstanceCommit> commits) {
                return d.commit(commits);
            }

            @Override
            public Set<String> renewLeases(String owner, Map<String, Long> epochs, Duration lease, Instant now) {
                return d.renewLeases(owner, epochs, lease, now);
            }

            @Override
            public List<Signal> pendingSignals(String instanceId) {
                return d.pendingSignals(instanceId);
            }

            @Override
            public Signal addSignal(String instanceId, Signal.Kind kind, Instant at) {
                return d.addSignal(instanceId, kind, at);
            }

            @Override
            public Optional<Instant> nextDue() {
                return d.nextDue();
            }

            @Override
            public int delete(Set<String> instanceIds) {
                return d.delete(instanceIds);
            }
        };

        @Override
        public InstanceStore instances() {
            return instances;
        }

        @Override
        public EventStore events() {
            return delegate.events();
        }

        @Override
        public AuditStore audit() {
            return delegate.audit();
        }

        @Override
        public ApiKeyStore apiKeys() {
            return delegate.apiKeys();
        }

        @Override
        public String kind() {
            return "memory";
        }

        @Override
        public void addWakeListener(Runnable listener) {
            delegate.addWakeListener(listener);
        }
    }
}
