package io.reactory.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of {@code ./bench SCENARIO [--name value]...}, validated with messages naming the option. */
record BenchOptions(String scenario, String store, int workflows, int warmup, int nodes, Map<String, String> extra) {

    static BenchOptions parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("usage: ./bench SCENARIO [--store memory|sqlite|postgres] [--workflows N]"
                    + " [--warmup N] [--nodes N] [--clients N] [--client raw|jdk] [--server URL --api-key KEY]\nscenarios: "
                    + String.join(", ", Scenarios.names()) + ", http-start, waiting [--waiting N]"
                    + ", cron [--schedules N] [--every SECONDS] [--seconds T] [--warmup-seconds W]");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "true";
            }
            values.put(name, value);
        }
        String store = values.remove("store");
        int workflows = intOption(values.remove("workflows"), "workflows", 100_000);
        int warmup = intOption(values.remove("warmup"), "warmup", Math.min(workflows, 20_000));
        int nodes = intOption(values.remove("nodes"), "nodes", 1);
        return new BenchOptions(args[0], store == null ? "memory" : store, workflows, warmup, nodes, values);
    }

    private static int intOption(String value, String name, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.replace("_", ""));
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a non-negative number but was '" + value + "'");
        }
    }

    String option(String name, String fallback) {
        return extra.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(extra.getOrDefault(name, "false"));
    }

    static List<String> storeNames() {
        return List.of("memory", "sqlite", "postgres");
    }
}
