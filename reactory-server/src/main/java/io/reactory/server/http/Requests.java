package io.reactory.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading requests: bodies with a size limit and strict JSON, query parameters and path ids with clear errors. */
final class Requests {
    /** Ids in paths: what the engine and configuration produce; anything else cannot exist. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

    private Requests() {}

    /**
     * The body as a JSON object.
     *
     * @param required false to accept an empty body (returns null)
     * @throws ProblemException 413 over {@code maxBytes}, 415 for a non-JSON content type, 400 for malformed JSON,
     *         422 for too deep nesting, a missing body or a body that is not an object
     */
    static ObjectNode jsonObject(Context ctx, long maxBytes, boolean required) {
        byte[] body = body(ctx, maxBytes);
        if (body.length == 0 || isBlank(body)) {
            if (required) {
                throw ProblemException.invalid("a JSON object body is required");
            }
            return null;
        }
        String type = ctx.contentType();
        if (type != null && !isJson(type)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json but was " + cut(type.split(";")[0].trim(), 100));
        }
        JsonNode node;
        try {
            node = ApiJson.MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ProblemException.invalid(e.getMessage() != null && e.getMessage().contains("nesting")
                    ? "JSON nesting is deeper than " + ApiJson.MAX_DEPTH + " levels"
                    : "a JSON string or number exceeds its length limit");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ProblemException(ProblemType.MALFORMED_JSON, at == null ? "malformed JSON"
                    : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "malformed JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ProblemException.invalid("the body must be a JSON object");
        }
        return object;
    }

    private static byte[] body(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {
                // the usual case: read exactly what was announced (a client sending more is cut off by the server)
                return in.readNBytes((int) declared);
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the request body could not be read");
        }
    }

    private static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the body is larger than " + maxBytes + " bytes");
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean isJson(String contentType) {
        String media = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || media.endsWith("+json");
    }

    /** Refuses members other than {@code allowed}, naming the first unknown one. */
    static void onlyFields(ObjectNode body, Set<String> allowed, String what) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ProblemException.invalid("unknown field '" + cut(name, 100) + "' in " + what + "; expected "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    /** An optional string member, at most {@code maxLength} characters. */
    static String text(ObjectNode body, String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ProblemException.invalid("'" + field + "' must be a string");
        }
        String value = node.textValue();
        if (value.length() > maxLength) {
            throw ProblemException.invalid("'" + field + "' must be at most " + maxLength + " characters");
        }
        return value;
    }

    /** A path id; one that cannot be a valid id answers {@code notFound} (it cannot exist). */
    static String id(Context ctx, String name, ProblemType notFound) {
        String value = ctx.pathParam(name);
        if (!ID.matcher(value).matches()) {
            throw new ProblemException(notFound, name + " '" + cut(value, 64) + "' does not exist");
        }
        return value;
    }

    static int intQuery(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("query parameter '" + name + "' must be a whole number from " + min + " to "
                    + max);
        }
    }

    static Instant instantQuery(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("query parameter '" + name + "' must be an ISO-8601 instant such as "
                    + "2026-03-01T10:00:00Z");
        }
    }

    static String textQuery(Context ctx, String name, int maxLength) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw ProblemException.invalid("query parameter '" + name + "' must be at most " + maxLength + " characters");
        }
        return value;
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
