package io.reactory.server.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parser of the Prometheus text exposition format (version 0.0.4), for tests: {@code # HELP} and {@code # TYPE}
 * lines, samples {@code name{label="value",...} value [timestamp]} with escaped label values ({@code \\}, {@code \"},
 * {@code \n}) and the special values {@code NaN}, {@code +Inf}, {@code -Inf}. Refuses anything else, so a malformed
 * scrape fails the test that reads it.
 */
final class PrometheusText {
    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                if (line.startsWith("#")) {
                    String[] parts = line.split(" ", 4);
                    if (parts.length >= 4 && parts[1].equals("TYPE")) {
                        types.put(parts[2], parts[3].trim());
                    } else if (!(parts.length >= 3 && parts[1].equals("HELP"))) {
                        throw new IllegalArgumentException("unknown comment");
                    }
                    continue;
                }
                samples.add(sample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNo + " is not Prometheus text (" + e.getMessage() + "): "
                        + line, e);
            }
        }
        return new PrometheusText(Collections.unmodifiableList(samples), types);
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("no metric name");
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int start = i;
                while (isNameChar(line.charAt(i), i == start)) {
                    i++;
                }
                String label = line.substring(start, i);
                if (label.isEmpty() || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                    throw new IllegalArgumentException("bad label at column " + i);
                }
                i += 2;
                StringBuilder value = new StringBuilder();
                for (char c; (c = line.charAt(i)) != '"'; i++) {
                    if (c == '\\') {
                        char next = line.charAt(++i);
                        value.append(switch (next) {
                            case 'n' -> '\n';
                            case '\\' -> '\\';
                            case '"' -> '"';
                            default -> throw new IllegalArgumentException("bad escape \\" + next);
                        });
                    } else {
                        value.append(c);
                    }
                }
                i++;
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("label " + label + " twice");
                }
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).trim().split(" ");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        }
        double value = switch (rest[0]) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(rest[0]);
        };
        return new Sample(name, Collections.unmodifiableMap(labels), value);
    }

    private static boolean isNameChar(char c, boolean first) {
        return Character.isLetter(c) || c == '_' || c == ':' || (!first && Character.isDigit(c));
    }

    List<Sample> samples() {
        return samples;
    }

    /** The {@code # TYPE} of each family. */
    Map<String, String> types() {
        return types;
    }

    /** Every sample name in the scrape. */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** Samples of {@code name} whose labels include all of {@code labels} (pairs: key, value, ...). */
    List<Sample> find(String name, String... labels) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s, labels)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The value of the one sample of {@code name} with these labels. */
    double value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " " + List.of(labels) + ": " + found);
        }
        return found.get(0).value();
    }

    /** The sum over every sample of {@code name} with these labels (0 when there is none). */
    double sum(String name, String... labels) {
        return find(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    private static boolean matches(Sample s, String[] labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
