package io.reactory.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.config.WorkflowConfig;

/**
 * Configuration records to and from the specification's document shape (the records carry the YAML names:
 * {@code timeout}, a dependency as a bare workflow id...). Unknown fields are refused.
 */
final class ConfigDocuments {
    private ConfigDocuments() {}

    /** @throws IllegalArgumentException naming the field that is wrong */
    static ScheduleConfig schedule(JsonNode document) {
        if (!(document instanceof ObjectNode tree)) {
            throw new IllegalArgumentException("a schedule must be an object");
        }
        try {
            return ApiJson.MAPPER.treeToValue(tree, ScheduleConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown field '" + e.getPropertyName() + "'" + at(e));
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IllegalArgumentException("wrong type for field '" + path(e) + "'");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid schedule");
        }
    }

    static ObjectNode document(WorkflowConfig config) {
        return ApiJson.MAPPER.valueToTree(config);
    }

    static ObjectNode document(ScheduleConfig config) {
        return ApiJson.MAPPER.valueToTree(config);
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
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
