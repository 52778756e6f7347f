package io.reactory.server.amqp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import io.reactory.workflow.internal.Json;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/** What both consumers check before looking at the fields: size, content type, JSON, an object of known fields. */
final class MessageFormat {
    private MessageFormat() {}

    /**
     * @throws InvalidMessageException naming what is wrong (never quoting the body)
     */
    static JsonNode readObject(AMQP.BasicProperties props, byte[] body, int maxBytes, Set<String> fields) {
        if (body.length > maxBytes) {
            throw new InvalidMessageException(DeadLetterReason.MESSAGE_TOO_LARGE,
                    "the message has " + body.length + " bytes; at most " + maxBytes + " are accepted");
        }
        String contentType = props == null ? null : props.getContentType();
        if (contentType != null && !isJson(contentType)) {
            throw new InvalidMessageException(DeadLetterReason.UNSUPPORTED_CONTENT_TYPE,
                    "content type '" + cut(contentType) + "' is not JSON (application/json)");
        }
        String encoding = props == null ? null : props.getContentEncoding();
        if (encoding != null && !encoding.equalsIgnoreCase("utf-8") && !encoding.equalsIgnoreCase("identity")) {
            throw new InvalidMessageException(DeadLetterReason.UNSUPPORTED_CONTENT_TYPE,
                    "content encoding '" + cut(encoding) + "' is not supported (UTF-8 JSON only)");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidMessageException(DeadLetterReason.MALFORMED_JSON, "the body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (java.io.IOException e) {
            throw new InvalidMessageException(DeadLetterReason.MALFORMED_JSON, "the body is not valid JSON");
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new InvalidMessageException(DeadLetterReason.INVALID_MESSAGE, "the message must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new InvalidMessageException(DeadLetterReason.INVALID_MESSAGE, "unknown field '" + cut(name)
                        + "'; the fields are " + String.join(", ", fields.stream().sorted().toList()));
            }
        }
        return root;
    }

    /** A required non-blank string field. */
    static String requiredText(JsonNode root, String field) {
        String value = optionalText(root, field);
        if (value == null || value.isBlank()) {
            throw new InvalidMessageException(DeadLetterReason.INVALID_MESSAGE, field + " is required");
        }
        return value;
    }

    /** A string field that may be absent or null; numbers are accepted as their text ({@code "version": 2}). */
    static String optionalText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber() || node.isFloatingPointNumber()) {
            return node.asText();
        }
        throw new InvalidMessageException(DeadLetterReason.INVALID_MESSAGE, field + " must be a string but was "
                + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    /** Any JSON value as plain Java objects (maps, lists, strings, numbers, booleans), or null. */
    static Object plain(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return Json.mapper().convertValue(node, Object.class);
    }

    private static boolean isJson(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon);
        }
        type = type.trim();
        return type.equals("application/json") || type.equals("text/json") || type.endsWith("+json");
    }

    static String cut(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
