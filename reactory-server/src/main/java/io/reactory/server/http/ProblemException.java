package io.reactory.server.http;

import java.util.List;
import java.util.Map;

/**
 * A client error found by the HTTP layer itself (bad body, bad parameter, unknown route resource). Engine and
 * security exceptions are not wrapped in it: {@link ProblemMapper} maps them directly.
 *
 * @see ProblemType
 */
final class ProblemException extends RuntimeException {
    private final ProblemType type;
    private final List<Map<String, String>> errors;

    ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    /** @param errors one entry per invalid field: {@code {"field": ..., "message": ...}} */
    ProblemException(ProblemType type, String detail, List<Map<String, String>> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }

    ProblemType type() {
        return type;
    }

    List<Map<String, String>> errors() {
        return errors;
    }
}
