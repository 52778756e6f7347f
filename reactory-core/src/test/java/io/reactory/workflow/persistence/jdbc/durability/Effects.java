package io.reactory.workflow.persistence.jdbc.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effect lines of one or more {@link EffectLog} files, read strictly: a line that is not
 * {@code instanceId step node} with a step of 1 to {@link FiveSteps#STEPS} (a torn write) fails the test.
 */
final class Effects {
    /** instance id → executions of each step (index step - 1). */
    private final Map<String, int[]> byInstance = new HashMap<>();
    private final Map<String, Long> byNode = new TreeMap<>();
    private long total;

    private Effects() {}

    static Effects read(List<Path> files) {
        Effects effects = new Effects();
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            try {
                String text = Files.readString(file, StandardCharsets.US_ASCII);
                if (!text.isEmpty() && !text.endsWith("\n")) {
                    throw new AssertionError(file + " ends in a torn line: " + text.substring(text.lastIndexOf('\n') + 1));
                }
                text.lines().forEach(line -> effects.add(file, line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return effects;
    }

    /** How many lines the files hold, counted cheaply (for awaiting progress). */
    static long lines(Path file) {
        try {
            if (!Files.exists(file)) {
                return 0;
            }
            byte[] bytes = Files.readAllBytes(file);
            long n = 0;
            for (byte b : bytes) {
                if (b == '\n') {
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(Path file, String line) {
        String[] parts = line.split(" ");
        int step = parts.length == 3 ? parseStep(parts[1]) : -1;
        if (step < 1 || step > FiveSteps.STEPS) {
            throw new AssertionError("malformed effect line in " + file + ": '" + line + "'");
        }
        byInstance.computeIfAbsent(parts[0], id -> new int[FiveSteps.STEPS])[step - 1]++;
        byNode.merge(parts[2], 1L, Long::sum);
        total++;
    }

    private static int parseStep(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    long total() {
        return total;
    }

    /** Executions recorded for one instance (all steps). */
    int executions(String instanceId) {
        int[] steps = byInstance.get(instanceId);
        if (steps == null) {
            return 0;
        }
        int n = 0;
        for (int count : steps) {
            n += count;
        }
        return n;
    }

    /** Executions recorded for one step of one instance. */
    int executions(String instanceId, int step) {
        int[] steps = byInstance.get(instanceId);
        return steps == null ? 0 : steps[step - 1];
    }

    /** Executions beyond the first of each (instance, step). */
    long repeated() {
        long repeated = 0;
        for (int[] steps : byInstance.values()) {
            for (int count : steps) {
                repeated += Math.max(0, count - 1);
            }
        }
        return repeated;
    }

    /** Instances with at least one recorded execution. */
    java.util.Set<String> instances() {
        return byInstance.keySet();
    }

    /** node id → lines it wrote. */
    Map<String, Long> byNode() {
        return byNode;
    }
}
