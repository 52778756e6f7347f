package io.reactory.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.reactory.server.amqp.AmqpModule;
import io.reactory.server.amqp.AmqpOptions;
import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.WorkflowStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./bench amqp-start}: start requests published to RabbitMQ as fast as one publisher can (persistent, with
 * confirms every 500), consumed by the AMQP adapter, each starting a one-step workflow. Measures messages per second
 * from the first publish to the last durable start (the instance is in the store), and per message the time from
 * publish to durable start. Uses uniquely named queues on the broker ({@code --amqp-uri}, default the local one) and
 * deletes them afterwards.
 *
 * <p>Options: {@code --workflows N} (measured messages), {@code --warmup N}, {@code --prefetch N} (default 256),
 * {@code --lifecycle true} (also publish lifecycle events through the outbox relay), {@code --backlog true} (publish
 * the measured messages first, then time how fast a freshly connected adapter drains them: the adapter's capacity
 * rather than the single publisher's rate). Latency percentiles cover the newest 10,000 measured instances.
 */
final class AmqpStartRun {
    private static final int CONFIRM_EVERY = 500;

    private AmqpStartRun() {}

    static Map<String, Object> run(BenchOptions options) throws Exception {
        URI uri = URI.create(options.option("amqp-uri", "amqp://guest:guest@127.0.0.1:5672/%2F"));
        int prefetch = Integer.parseInt(options.option("prefetch", "256"));
        boolean lifecycle = options.flag("lifecycle");
        boolean backlog = options.flag("backlog");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String queue = "bench.trigger." + suffix;
        String exchange = "bench.events." + suffix;
        AmqpOptions amqp = AmqpOptions.builder(uri)
                .connectionName("reactory-bench")
                .triggerQueue(queue)
                .eventQueue(null)
                .exchange(lifecycle ? exchange : null)
                .prefetch(prefetch)
                .build();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        try (WorkflowStore store = Stores.open(options);
             HeapSampler heap = new HeapSampler();
             WorkflowRunner runner = WorkflowRunner.builder().store(store)
                     .options(RunnerOptions.defaults().withNodeId("bench-amqp").withLifecycleOutbox(lifecycle))
                     .build();
             Connection publisherConnection = factory.newConnection("reactory-bench-publisher")) {
            runner.registerWorkflow(WorkflowDefinition.define("amqp-start", "1", Scenarios.BenchData.class, b -> b
                    .startWith("one", ctx -> {
                        ctx.data().counter++;
                        return ExecutionResult.next();
                    })));
            runner.initialize();
            AmqpModule module = connected(runner, amqp);
            try {
                Channel channel = publisherConnection.createChannel();
                channel.confirmSelect();
                if (options.warmup() > 0) {
                    publishAndWait(runner, channel, queue, "warmup", options.warmup(), 0, true);
                }
                if (backlog) {
                    module.close(); // the measured messages wait in the queue; a new adapter drains them
                }
                System.gc();
                heap.reset();
                long expected = options.warmup() + (long) options.workflows();
                Instant first = Instant.now();
                long startNanos = System.nanoTime();
                double publishSeconds = publishAndWait(runner, channel, queue, "measured", options.workflows(),
                        options.warmup(), !backlog);
                if (backlog) {
                    startNanos = System.nanoTime();
                    module = connected(runner, amqp);
                    awaitStarted(runner, expected, "measured");
                }
                double seconds = (System.nanoTime() - startNanos) / 1e9;
                double[] latencies = latencies(runner, first, options.workflows());
                if (lifecycle) {
                    awaitOutboxDrained(module);
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("scenario", "amqp-start");
                result.put("store", store.kind());
                result.put("workflows", options.workflows());
                result.put("prefetch", prefetch);
                result.put("lifecycle_events", lifecycle);
                result.put("mode", backlog ? "backlog" : "stream");
                result.put("seconds", round(seconds, 3));
                result.put("messages_per_s", round(options.workflows() / seconds, 0));
                result.put("publish_per_s", round(options.workflows() / publishSeconds, 0));
                result.put("p50_ms", round(percentile(latencies, 50), 2));
                result.put("p90_ms", round(percentile(latencies, 90), 2));
                result.put("p99_ms", round(percentile(latencies, 99), 2));
                result.put("instances", runner.getWorkflowStats().started());
                result.put("expected", expected);
                result.put("peak_heap_mb", round(heap.peakMb(), 0));
                result.put("cores", Runtime.getRuntime().availableProcessors());
                return result;
            } finally {
                module.close();
                try (Channel cleanup = publisherConnection.createChannel()) {
                    cleanup.queueDelete(queue);
                    cleanup.queueDelete(amqp.triggerDeadLetterQueue());
                    if (lifecycle) {
                        cleanup.exchangeDelete(exchange);
                    }
                }
            }
        }
    }

    /**
     * Publishes {@code count} start requests (each carrying its publish time) and waits until every one started.
     *
     * @return seconds the publishing took
     */
    private static AmqpModule connected(WorkflowRunner runner, AmqpOptions amqp) {
        AmqpModule module = AmqpModule.start(runner, amqp);
        if (!module.awaitConnected(Duration.ofSeconds(30))) {
            module.close();
            throw new IllegalStateException("the AMQP adapter did not connect to " + amqp.uri().getHost() + ": "
                    + module.status().lastError());
        }
        return module;
    }

    /**
     * Publishes {@code count} start requests (each carrying its publish time), then, when {@code wait}, waits until
     * every one started.
     *
     * @return seconds the publishing took
     */
    private static double publishAndWait(WorkflowRunner runner, Channel channel, String queue, String phase, int count,
                                         int offset, boolean wait) throws Exception {
        long before = runner.getWorkflowStats().started();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int n = offset + i;
            String body = "{\"workflowId\":\"amqp-start\",\"reference\":\"" + phase + "-" + n + "\",\"data\":{\"key\":\"k"
                    + n + "\"},\"metadata\":{\"publishedAt\":\"" + Instant.now() + "\"}}";
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
                    .deliveryMode(2).messageId(phase + "-" + n).build();
            channel.basicPublish("", queue, props, body.getBytes(StandardCharsets.UTF_8));
            if ((i + 1) % CONFIRM_EVERY == 0) {
                channel.waitForConfirmsOrDie(60_000);
            }
        }
        channel.waitForConfirmsOrDie(60_000);
        double publishSeconds = (System.nanoTime() - t0) / 1e9;
        if (wait) {
            awaitStarted(runner, before + count, phase);
        }
        return publishSeconds;
    }

    private static void awaitStarted(WorkflowRunner runner, long total, String phase) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (runner.getWorkflowStats().started() < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(phase + ": only " + runner.getWorkflowStats().started() + " of " + total
                        + " messages started an instance within 10 minutes");
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }

    /** Publish → durable start of each measured instance, in ms (creation time minus the publish time it carries). */
    private static double[] latencies(WorkflowRunner runner, Instant since, int count) {
        List<InstanceInfo> measured = runner.findInstances(new InstanceQuery(java.util.Set.of(), "amqp-start", null, null,
                since.minusSeconds(1), null, 0, Math.min(10_000, Math.max(1, count))));
        double[] values = measured.stream()
                .filter(i -> i.reference().startsWith("measured-"))
                .mapToDouble(i -> Duration.between(Instant.parse(i.metadata().get("publishedAt")), i.createdAt())
                        .toNanos() / 1e6)
                .toArray();
        Arrays.sort(values);
        return values;
    }

    private static void awaitOutboxDrained(AmqpModule module) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (module.status().outboxPending() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
