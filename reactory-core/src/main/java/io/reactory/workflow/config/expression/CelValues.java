package io.reactory.workflow.config.expression;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plain Java values (as JSON gives them) to the values CEL evaluates on, and back. */
final class CelValues {
    private CelValues() {}

    static Object toCel(Object value) {
        return switch (value) {
            case null -> NullValue.NULL_VALUE;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case BigInteger big -> big.bitLength() < 64 ? big.longValue() : big.doubleValue();
            case BigDecimal dec -> dec.doubleValue();
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), toCel(v)));
                yield out;
            }
            case Iterable<?> list -> {
                List<Object> out = new ArrayList<>();
                list.forEach(v -> out.add(toCel(v)));
                yield out;
            }
            case Duration d -> d;
            case Instant i -> i;
            case Enum<?> e -> e.name();
            default -> value.toString();
        };
    }

    static Object fromCel(Object value) {
        return switch (value) {
            case null -> null;
            case NullValue n -> null;
            case com.google.protobuf.NullValue n -> null;
            case UnsignedLong u -> u.longValue();
            case ByteString bytes -> Base64.getEncoder().encodeToString(bytes.toByteArray());
            case Optional<?> optional -> optional.map(CelValues::fromCel).orElse(null);
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(fromCel(k)), fromCel(v)));
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(v -> out.add(fromCel(v)));
                yield out;
            }
            default -> value;
        };
    }
}
