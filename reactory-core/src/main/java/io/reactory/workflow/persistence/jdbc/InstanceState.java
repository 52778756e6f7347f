package io.reactory.workflow.persistence.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.Failure;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.PointerStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code state} column of an instance row: what the engine keeps beside the scalar columns (pointers, event
 * cursors, failure, metadata, counters) as one JSON document. Written with Jackson's streaming API because it is
 * encoded on every step commit: field names are pre-encoded, defaults are left out, and times are epoch microseconds
 * (numbers cost far less to write and read than ISO text).
 */
final class InstanceState {
    private static final SerializableString NEXT_POINTER_ID = new SerializedString("nextPointerId");
    private static final SerializableString STEPS_EXECUTED = new SerializedString("stepsExecuted");
    private static final SerializableString COMPLETIONS = new SerializedString("completions");
    private static final SerializableString FAILURE = new SerializedString("failure");
    private static final SerializableString CURSORS = new SerializedString("cursors");
    private static final SerializableString METADATA = new SerializedString("metadata");
    private static final SerializableString POINTERS = new SerializedString("pointers");

    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString STEP = new SerializedString("step");
    private static final SerializableString SCOPE = new SerializedString("scope");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString FAILURES = new SerializedString("failures");
    private static final SerializableString SLEEP_UNTIL = new SerializedString("sleepUntil");
    private static final SerializableString EVENT_NAME = new SerializedString("eventName");
    private static final SerializableString EVENT_KEY = new SerializedString("eventKey");
    private static final SerializableString EVENT_ID = new SerializedString("eventId");
    private static final SerializableString EVENT_PUBLISHED_AT = new SerializedString("eventPublishedAt");
    private static final SerializableString EVENT_DATA = new SerializedString("eventData");
    private static final SerializableString ITEM = new SerializedString("item");
    private static final SerializableString ITEM_INDEX = new SerializedString("itemIndex");
    private static final SerializableString ITEMS = new SerializedString("items");
    private static final SerializableString ITERATION = new SerializedString("iteration");
    private static final SerializableString OUTCOME = new SerializedString("outcome");
    private static final SerializableString STARTED_AT = new SerializedString("startedAt");
    private static final SerializableString ENDED_AT = new SerializedString("endedAt");
    private static final SerializableString ERROR_TYPE = new SerializedString("errorType");
    private static final SerializableString ERROR_MESSAGE = new SerializedString("errorMessage");
    private static final SerializableString COMPLETED_SEQ = new SerializedString("completedSeq");
    private static final SerializableString COMPENSATES = new SerializedString("compensates");
    private static final SerializableString COMPENSATION_QUEUE = new SerializedString("compensationQueue");

    private static final SerializableString REASON = new SerializedString("reason");
    private static final SerializableString ATTEMPT = new SerializedString("attempt");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString AT = new SerializedString("at");

    /**
     * Buffers recycled per thread: states are written on the engine's commit thread, where the shared pool of
     * {@link Json#mapper()} showed up as contention and allocation on every commit.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();

    private InstanceState() {}

    /** The state document of {@code i}. */
    static String write(WorkflowInstance i) {
        StringWriter out = new StringWriter(128 + 160 * i.pointers.size());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName(NEXT_POINTER_ID);
            g.writeNumber(i.nextPointerId);
            if (i.stepsExecuted != 0) {
                g.writeFieldName(STEPS_EXECUTED);
                g.writeNumber(i.stepsExecuted);
            }
            if (i.completions != 0) {
                g.writeFieldName(COMPLETIONS);
                g.writeNumber(i.completions);
            }
            if (i.failure != null) {
                g.writeFieldName(FAILURE);
                writeFailure(g, i.failure);
            }
            if (!i.eventCursors.isEmpty()) {
                g.writeFieldName(CURSORS);
                g.writeStartObject();
                for (Map.Entry<String, Long> cursor : i.eventCursors.entrySet()) {
                    g.writeFieldName(cursor.getKey());
                    g.writeNumber(cursor.getValue());
                }
                g.writeEndObject();
            }
            if (i.metadata != null && !i.metadata.isEmpty()) {
                g.writeFieldName(METADATA);
                g.writeStartObject();
                for (Map.Entry<String, String> entry : i.metadata.entrySet()) {
                    g.writeStringField(entry.getKey(), entry.getValue());
                }
                g.writeEndObject();
            }
            g.writeFieldName(POINTERS);
            g.writeStartArray();
            for (ExecutionPointer p : i.pointers) {
                writePointer(g, p);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("the state of instance " + i.id + " cannot be written as JSON", e);
        }
        return out.toString();
    }

    private static void writeFailure(JsonGenerator g, Failure f) throws IOException {
        g.writeStartObject();
        g.writeFieldName(REASON);
        g.writeString(f.reason());
        if (f.stepName() != null) {
            g.writeFieldName(STEP);
            g.writeString(f.stepName());
        }
        g.writeFieldName(ATTEMPT);
        g.writeNumber(f.attempt());
        if (f.errorType() != null) {
            g.writeFieldName(ERROR_TYPE);
            g.writeString(f.errorType());
        }
        if (f.message() != null) {
            g.writeFieldName(MESSAGE);
            g.writeString(f.message());
        }
        writeInstant(g, AT, f.at());
        g.writeEndObject();
    }

    private static void writePointer(JsonGenerator g, ExecutionPointer p) throws IOException {
        g.writeStartObject();
        g.writeFieldName(ID);
        g.writeNumber(p.id);
        g.writeFieldName(STEP);
        g.writeNumber(p.stepId);
        if (p.scope != -1) {
            g.writeFieldName(SCOPE);
            g.writeNumber(p.scope);
        }
        g.writeFieldName(STATUS);
        g.writeString(p.status.name());
        if (p.failures != 0) {
            g.writeFieldName(FAILURES);
            g.writeNumber(p.failures);
        }
        writeInstant(g, SLEEP_UNTIL, p.sleepUntil);
        writeString(g, EVENT_NAME, p.eventName);
        writeString(g, EVENT_KEY, p.eventKey);
        writeString(g, EVENT_ID, p.eventId);
        writeInstant(g, EVENT_PUBLISHED_AT, p.eventPublishedAt);
        writePayload(g, EVENT_DATA, p.eventData);
        writePayload(g, ITEM, p.item);
        if (p.itemIndex != -1) {
            g.writeFieldName(ITEM_INDEX);
            g.writeNumber(p.itemIndex);
        }
        writePayload(g, ITEMS, p.items);
        if (p.iteration != 0) {
            g.writeFieldName(ITERATION);
            g.writeNumber(p.iteration);
        }
        writePayload(g, OUTCOME, p.outcome);
        writeInstant(g, STARTED_AT, p.startedAt);
        writeInstant(g, ENDED_AT, p.endedAt);
        writeString(g, ERROR_TYPE, p.errorType);
        writeString(g, ERROR_MESSAGE, p.errorMessage);
        if (p.completedSeq != 0) {
            g.writeFieldName(COMPLETED_SEQ);
            g.writeNumber(p.completedSeq);
        }
        if (p.compensates != -1) {
            g.writeFieldName(COMPENSATES);
            g.writeNumber(p.compensates);
        }
        if (p.compensationQueue != null) {
            g.writeFieldName(COMPENSATION_QUEUE);
            g.writeStartArray();
            for (Integer id : p.compensationQueue) {
                g.writeNumber(id);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeString(JsonGenerator g, SerializableString name, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }

    private static void writeInstant(JsonGenerator g, SerializableString name, Instant value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeNumber(Micros.of(value));
        }
    }

    private static void writePayload(JsonGenerator g, SerializableString name, Payload value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeRawValue(value.jsonText());
        }
    }

    /** Reads a state document into {@code into} (whose scalar fields come from the row's columns). */
    static void read(String json, WorkflowInstance into) {
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "nextPointerId" -> into.nextPointerId = p.getIntValue();
                    case "stepsExecuted" -> into.stepsExecuted = p.getLongValue();
                    case "completions" -> into.completions = p.getLongValue();
                    case "failure" -> into.failure = readFailure(p);
                    case "cursors" -> into.eventCursors = readCursors(p);
                    case "metadata" -> into.metadata = readMetadata(p);
                    case "pointers" -> into.pointers = readPointers(p);
                    default -> p.skipChildren(); // written by a newer version: ignored, as Jackson is told to
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the stored state of instance " + into.id + " cannot be read", e);
        }
    }

    private static Failure readFailure(JsonParser p) throws IOException {
        String reason = null;
        String step = null;
        int attempt = 0;
        String type = null;
        String message = null;
        Instant at = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "reason" -> reason = p.getText();
                case "step" -> step = p.getText();
                case "attempt" -> attempt = p.getIntValue();
                case "errorType" -> type = p.getText();
                case "message" -> message = p.getText();
                case "at" -> at = Micros.instant(p.getLongValue());
                default -> p.skipChildren();
            }
        }
        return new Failure(reason, step, attempt, type, message, at);
    }

    private static Map<String, Long> readCursors(JsonParser p) throws IOException {
        Map<String, Long> cursors = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            cursors.put(key, p.getLongValue());
        }
        return cursors;
    }

    private static Map<String, String> readMetadata(JsonParser p) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            metadata.put(key, p.getText());
        }
        return java.util.Collections.unmodifiableMap(metadata);
    }

    private static List<ExecutionPointer> readPointers(JsonParser p) throws IOException {
        List<ExecutionPointer> pointers = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            pointers.add(readPointer(p));
        }
        return pointers;
    }

    private static ExecutionPointer readPointer(JsonParser p) throws IOException {
        ExecutionPointer e = new ExecutionPointer();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "id" -> e.id = p.getIntValue();
                case "step" -> e.stepId = p.getIntValue();
                case "scope" -> e.scope = p.getIntValue();
                case "status" -> e.status = PointerStatus.valueOf(p.getText());
                case "failures" -> e.failures = p.getIntValue();
                case "sleepUntil" -> e.sleepUntil = Micros.instant(p.getLongValue());
                case "eventName" -> e.eventName = p.getText();
                case "eventKey" -> e.eventKey = p.getText();
                case "eventId" -> e.eventId = p.getText();
                case "eventPublishedAt" -> e.eventPublishedAt = Micros.instant(p.getLongValue());
                case "eventData" -> e.eventData = readPayload(p);
                case "item" -> e.item = readPayload(p);
                case "itemIndex" -> e.itemIndex = p.getIntValue();
                case "items" -> e.items = readPayload(p);
                case "iteration" -> e.iteration = p.getIntValue();
                case "outcome" -> e.outcome = readPayload(p);
                case "startedAt" -> e.startedAt = Micros.instant(p.getLongValue());
                case "endedAt" -> e.endedAt = Micros.instant(p.getLongValue());
                case "errorType" -> e.errorType = p.getText();
                case "errorMessage" -> e.errorMessage = p.getText();
                case "completedSeq" -> e.completedSeq = p.getLongValue();
                case "compensates" -> e.compensates = p.getIntValue();
                case "compensationQueue" -> {
                    List<Integer> queue = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        queue.add(p.getIntValue());
                    }
                    e.compensationQueue = queue;
                }
                default -> p.skipChildren();
            }
        }
        return e;
    }

    /** A nested value as plain Java (maps, lists, strings, numbers); the engine converts it to its type on use. */
    private static Payload readPayload(JsonParser p) throws IOException {
        return Payload.of(p.currentToken() == JsonToken.VALUE_NULL ? null : Json.mapper().readValue(p, Object.class));
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
