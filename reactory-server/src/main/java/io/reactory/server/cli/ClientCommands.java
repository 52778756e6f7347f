package io.reactory.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reactory start|status|pause|resume|cancel}: clients of a running server. Exit codes: 0 done, 1 refused by
 * the server (the problem is printed), 2 bad usage, 3 server unreachable.
 */
public final class ClientCommands {
    private ClientCommands() {}

    abstract static class ClientCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ClientOptions client = new ClientOptions();

        ApiClient api() {
            return new ApiClient(client, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    /** {@code reactory start WORKFLOW}: starts an instance through the API. */
    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a workflow instance; prints its id.")
    public static final class Start extends ClientCommand {
        @Parameters(paramLabel = "WORKFLOW", description = "The workflow id.")
        String workflowId;

        @Option(names = "--version", paramLabel = "V", description = "The version (default: the latest).")
        String version;

        @Option(names = "--data", paramLabel = "JSON|@FILE", description = "Input data as JSON, or @file to read it from a file.")
        String data;

        @Option(names = "--priority", description = "high, normal or low.")
        String priority;

        @Option(names = "--reference", description = "A business key to find the instance by.")
        String reference;

        @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "Metadata entries (repeatable).")
        Map<String, String> metadata = new LinkedHashMap<>();

        @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Starting twice with one key starts one instance.")
        String idempotencyKey;

        @Override
        public Integer call() {
            ObjectMapper json = new ObjectMapper();
            ObjectNode body = json.createObjectNode();
            try {
                if (data != null) {
                    String text = data.startsWith("@") ? Files.readString(Path.of(data.substring(1))) : data;
                    body.set("data", json.readTree(text));
                }
            } catch (IOException e) {
                spec.commandLine().getErr().println("error: --data is not valid JSON or the file cannot be read: "
                        + e.getClass().getSimpleName());
                return 2;
            }
            if (priority != null) {
                body.put("priority", priority);
            }
            if (reference != null) {
                body.put("reference", reference);
            }
            if (!metadata.isEmpty()) {
                body.set("metadata", json.valueToTree(metadata));
            }
            String path = "/workflow/start/" + ApiClient.encode(workflowId)
                    + (version == null ? "" : "?version=" + ApiClient.encode(version));
            return api().send("POST", path, body.toString(),
                    idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
        }
    }

    abstract static class InstanceCommand extends ClientCommand {
        @Parameters(paramLabel = "INSTANCE", description = "The instance id.")
        String instanceId;

        String instancePath() {
            return "/workflow/instance/" + ApiClient.encode(instanceId);
        }
    }

    /** {@code reactory status INSTANCE}: prints an instance. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show an instance (status, data, steps).")
    public static final class Status extends InstanceCommand {
        @Override
        public Integer call() {
            return api().send("GET", instancePath(), null, Map.of());
        }
    }

    /** {@code reactory pause INSTANCE}. */
    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause an instance at its next step boundary.")
    public static final class Pause extends InstanceCommand {
        @Override
        public Integer call() {
            return api().send("POST", instancePath() + "/pause", null, Map.of());
        }
    }

    /** {@code reactory resume INSTANCE}. */
    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused instance.")
    public static final class Resume extends InstanceCommand {
        @Override
        public Integer call() {
            return api().send("POST", instancePath() + "/resume", null, Map.of());
        }
    }

    /** {@code reactory cancel INSTANCE}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel an instance.")
    public static final class Cancel extends InstanceCommand {
        @Override
        public Integer call() {
            return api().send("DELETE", instancePath(), null, Map.of());
        }
    }
}
