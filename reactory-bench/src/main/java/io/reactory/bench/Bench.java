package io.reactory.bench;

import io.reactory.workflow.internal.Json;
import java.util.Map;

/**
 * The benchmark harness behind {@code ./bench}. Prints a readable table, then, as its last line,
 * {@code RESULT {json}} for scripts and BENCHMARKS.md.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, Object> result;
        try {
            result = switch (options.scenario()) {
                case "cron" -> CronRun.run(options);
                case "amqp-start" -> AmqpStartRun.run(options);
                case "http-start" -> HttpStartRun.run(options);
                case "waiting" -> WaitingRun.run(options);
                default -> ThroughputRun.run(options);
            };
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        print(result);
        System.out.println("RESULT " + Json.mapper().writeValueAsString(result));
        System.exit(0);
    }

    private static void print(Map<String, Object> result) {
        System.out.println();
        System.out.printf("%-18s %s%n", "metric", "value");
        System.out.println("-".repeat(36));
        result.forEach((k, v) -> System.out.printf("%-18s %s%n", k, v));
        System.out.println();
    }
}
