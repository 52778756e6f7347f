package io.reactory.workflow.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.Failure;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.PointerStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state document: defaults left out, everything else back as written, unknown fields ignored. */
class InstanceStateTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00.123456Z");

    @Test
    void a_new_instance_writes_a_small_document_and_reads_back_its_defaults() {
        WorkflowInstance i = new WorkflowInstance();
        i.pointers.add(new ExecutionPointer(0, 0, -1));
        String json = InstanceState.write(i);
        assertThat(json).isEqualTo("{\"nextPointerId\":0,\"pointers\":[{\"id\":0,\"step\":0,\"status\":\"PENDING\"}]}");

        WorkflowInstance back = new WorkflowInstance();
        InstanceState.read(json, back);
        ExecutionPointer p = back.pointers.get(0);
        assertThat(p.scope).isEqualTo(-1);
        assertThat(p.itemIndex).isEqualTo(-1);
        assertThat(p.compensates).isEqualTo(-1);
        assertThat(p.compensationQueue).isNull();
        assertThat(p.outcome).isNull();
        assertThat(back.eventCursors).isEmpty();
        assertThat(back.metadata).isEmpty();
        assertThat(back.failure).isNull();
    }

    @Test
    void every_field_survives_with_microsecond_times() {
        WorkflowInstance i = new WorkflowInstance();
        i.nextPointerId = 7;
        i.stepsExecuted = 12;
        i.completions = 3;
        i.failure = new Failure(Failure.TIMEOUT, null, 0, null, "took too long", T);
        i.advanceCursor(WorkflowInstance.cursorKey("paid", "o-1"), 42L);
        i.metadata = Map.of("source", "api", "quote\"d", "a\\b");
        ExecutionPointer p = new ExecutionPointer(5, 9, 2);
        p.status = PointerStatus.WAITING_EVENT;
        p.failures = 4;
        p.sleepUntil = T.plusSeconds(1);
        p.eventName = "paid";
        p.eventKey = "o-1";
        p.eventId = "e-1";
        p.eventPublishedAt = T;
        p.eventData = Payload.of(Map.of("amount", 5));
        p.item = Payload.of("x");
        p.itemIndex = 3;
        p.items = Payload.of(List.of(1, 2));
        p.iteration = 2;
        p.outcome = Payload.of(null);
        p.startedAt = T;
        p.endedAt = T.plusMillis(1);
        p.errorType = "java.lang.IllegalStateException";
        p.errorMessage = "line 1\nline 2";
        p.completedSeq = 11;
        p.compensates = 1;
        p.compensationQueue = new ArrayList<>(List.of(3, 1));
        i.pointers.add(p);

        WorkflowInstance back = new WorkflowInstance();
        InstanceState.read(InstanceState.write(i), back);

        assertThat(back.nextPointerId).isEqualTo(7);
        assertThat(back.stepsExecuted).isEqualTo(12);
        assertThat(back.completions).isEqualTo(3);
        assertThat(back.failure).isEqualTo(i.failure);
        assertThat(back.eventCursors).containsExactly(Map.entry(WorkflowInstance.cursorKey("paid", "o-1"), 42L));
        assertThat(back.metadata).isEqualTo(i.metadata);
        ExecutionPointer q = back.pointers.get(0);
        assertThat(q).usingRecursiveComparison().ignoringFields("eventData", "item", "items", "outcome").isEqualTo(p);
        assertThat(q.eventData.as(Map.class)).containsEntry("amount", 5);
        assertThat(q.item.as(String.class)).isEqualTo("x");
        assertThat(q.items.as(List.class)).containsExactly(1, 2);
        assertThat(q.outcome.isNull()).isTrue();
    }

    @Test
    void fields_of_a_newer_version_are_skipped_and_broken_documents_are_reported() {
        WorkflowInstance back = new WorkflowInstance();
        back.id = "i-1";
        InstanceState.read("{\"nextPointerId\":1,\"future\":{\"a\":[1,{}]},\"pointers\":[{\"id\":0,\"step\":1,"
                + "\"status\":\"COMPLETE\",\"later\":[true]}]}", back);
        assertThat(back.nextPointerId).isEqualTo(1);
        assertThat(back.pointers).singleElement().satisfies(p -> assertThat(p.status).isEqualTo(PointerStatus.COMPLETE));

        assertThatThrownBy(() -> InstanceState.read("[1]", new WorkflowInstance()))
                .isInstanceOf(UncheckedIOException.class);
    }
}
