package io.reactory.workflow.scheduling;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The YAML spelling of policy enums: lower case with dashes ({@code BUFFER_ONE} is {@code buffer-one}). */
final class PolicyNames {
    private PolicyNames() {}

    static String configName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String wanted = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(PolicyNames::configName).collect(Collectors.joining(", ")));
    }
}
