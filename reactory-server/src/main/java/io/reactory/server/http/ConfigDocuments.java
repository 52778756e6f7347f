package io.reactory.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.config.WorkflowConfig;

/**
 * Configuration records to and from the specification's document shape (where {@code timeout} is milliseconds for a
 * workflow and seconds for a schedule, and a dependency may be a bare workflow id). Unknown fields are refused.
 */
public final class ConfigDocuments {
    private ConfigDocuments() {}

    /** @throws IllegalArgumentException naming the field that is wrong */
    public static WorkflowConfig workflow(JsonNode document) {
        ObjectNode tree = object(document, "a workflow configuration");
        rename(tree, "timeout", "timeoutMillis");
        JsonNode deps = tree.get("dependencies");
        if (deps instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    ObjectNode dep = JsonNodeFactory.instance.objectNode();
                    dep.put("workflowId", array.get(i).textValue());
                    dep.put("condition", "completed");
                    array.set(i, dep);
                }
            }
        }
        return convert(tree, WorkflowConfig.class);
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public static ScheduleConfig schedule(JsonNode document) {
        ObjectNode tree = object(document, "a schedule");
        rename(tree, "timeout", "timeoutSeconds");
        return convert(tree, ScheduleConfig.class);
    }

    public static ObjectNode document(WorkflowConfig config) {
        ObjectNode tree = ApiJson.MAPPER.valueToTree(config);
        rename(tree, "timeoutMillis", "timeout");
        return tree;
    }

    public static ObjectNode document(ScheduleConfig config) {
        ObjectNode tree = ApiJson.MAPPER.valueToTree(config);
        rename(tree, "timeoutSeconds", "timeout");
        return tree;
    }

    private static ObjectNode object(JsonNode document, String what) {
        if (!(document instanceof ObjectNode tree)) {
            throw new IllegalArgumentException(what + " must be an object");
        }
        return tree.deepCopy();
    }

    private static void rename(ObjectNode tree, String from, String to) {
        if (tree.has(to)) {
            throw new IllegalArgumentException("unknown field '" + to + "'");
        }
        JsonNode value = tree.remove(from);
        if (value != null) {
            tree.set(to, value);
        }
    }

    private static <T> T convert(ObjectNode tree, Class<T> type) {
        try {
            return ApiJson.MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown field '" + e.getPropertyName() + "'" + at(e));
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IllegalArgumentException("wrong type for field '" + path(e) + "'");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName());
        }
    }

    private static String at(com.fasterxml.jackson.databind.JsonMappingException e) {
        String path = path(e);
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : " in '" + path.substring(0, dot) + "'";
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                String name = switch (ref.getFieldName()) {
                    case "timeoutMillis", "timeoutSeconds" -> "timeout";
                    default -> ref.getFieldName();
                };
                path.append(path.isEmpty() ? "" : ".").append(name);
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
