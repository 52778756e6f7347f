package io.reactory.workflow.persistence.jdbc.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effect lines of one or more {@link EffectLog} files, read strictly: a line that is not
 * {@code instanceId step node} with a step of 1 to {@link FiveSteps#STEPS} (a torn write) fails the test.
 */
final class Effects {
    /** instance id → the nodes that executed each step (index step - 1), in file order. */
    private final Map<String, List<String>[]> byInstance = new HashMap<>();
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
                    throw new AssertionError(file + " ends in a torn line: "
                            + text.substring(text.lastIndexOf('\n') + 1));
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
        byInstance.computeIfAbsent(parts[0], Effects::newSteps)[step - 1].add(parts[2]);
        byNode.merge(parts[2], 1L, Long::sum);
        total++;
    }

    @SuppressWarnings("unchecked")
    private static List<String>[] newSteps(String instanceId) {
        List<String>[] steps = new List[FiveSteps.STEPS];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = new ArrayList<>(1);
        }
        return steps;
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
        List<String>[] steps = byInstance.get(instanceId);
        if (steps == null) {
            return 0;
        }
        int n = 0;
        for (List<String> nodes : steps) {
            n += nodes.size();
        }
        return n;
    }

    /** Executions recorded for one step of one instance. */
    int executions(String instanceId, int step) {
        List<String>[] steps = byInstance.get(instanceId);
        return steps == null ? 0 : steps[step - 1].size();
    }

    /** Executions beyond the first of each (instance, step). */
    long repeated() {
        long repeated = 0;
        for (List<String>[] steps : byInstance.values()) {
            for (List<String> nodes : steps) {
                repeated += Math.max(0, nodes.size() - 1);
            }
        }
        return repeated;
    }

    /** Up to {@code limit} steps that ran more than once, as {@code instance/step: node, node...}, for messages. */
    List<String> repeatedSample(int limit) {
        List<String> sample = new ArrayList<>();
        byInstance.forEach((id, steps) -> {
            for (int k = 0; k < steps.length && sample.size() < limit; k++) {
                if (steps[k].size() > 1) {
                    sample.add(id + "/" + (k + 1) + ": " + String.join(", ", steps[k]));
                }
            }
        });
        return sample;
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
