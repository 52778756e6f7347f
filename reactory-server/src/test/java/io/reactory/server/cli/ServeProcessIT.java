package io.reactory.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reactory.server.http.Http;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as users run it: {@code java -jar reactory.jar serve --config examples/config --port 0}, used over
 * HTTP, then stopped with SIGTERM.
 */
class ServeProcessIT {
    private static final Pattern SERVING = Pattern.compile("Reactory serving (http://\\S+)");
    private static final Pattern KEY = Pattern.compile("admin API key: (rk_\\S+)");

    /** The embedded store's folder: a new one per test, so each starts empty and generates its admin key. */
    @TempDir
    Path data;

    @Test
    void serves_the_example_workflows_and_stops_gracefully_on_sigterm() throws Exception {
        Path jar = Path.of("target", "reactory.jar");
        assertThat(jar).as("the shaded jar is built in the package phase, before integration tests").exists();
        Path config = Path.of("..", "examples", "config").toAbsolutePath().normalize();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "serve",
                "--port", "0", "--config", config.toString(), "--data", data.toString())
                .redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream().anyMatch(l -> SERVING.matcher(l).find()));
            String uri = match(lines, SERVING);
            String key = match(lines, KEY);
            Http http = new Http(URI.create(uri));

            assertThat(http.get("/workflow/status").send().status()).isEqualTo(200);
            assertThat(lines).contains("Store: SQLite store " + data.resolve("reactory.db"));
            assertThat(data.resolve("reactory.db")).isRegularFile();
            // the dashboard's files are in the runnable jar
            assertThat(lines).anyMatch(l -> l.equals("Dashboard: " + uri + "/ui/ (sign in with an API key or token)"));
            Http.Response page = http.get("/ui/").send();
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("js/app.js");
            for (String asset : new String[] {"/ui/js/app.js", "/ui/js/graph.js", "/ui/js/pages/instance.js", "/ui/app.css",
                    "/ui/favicon.svg"}) {
                assertThat(http.get(asset).send().status()).as(asset).isEqualTo(200);
            }
            Http.Response definitions = http.get("/workflow/definitions").bearer(key).send();
            assertThat(definitions.body()).contains("simple-workflow", "parallel-workflow", "data-processing");
            Http.Response configs = http.get("/workflow/configs").bearer(key).send();
            assertThat(configs.json().path("workflows").get(0).path("id").asText()).isEqualTo("data-processing");
            assertThat(http.get("/workflow/schedules/daily-reports").bearer(key).send().status()).isEqualTo(200);

            String id = http.post("/workflow/start/simple-workflow", "{\"data\":{\"condition\":\"A\"}}").bearer(key).send()
                    .json().path("instanceId").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/workflow/instance/" + id).bearer(key).send()
                    .json().path("status").asText().equals("COMPLETED"));
            assertThat(new ObjectMapper().readTree(http.get("/workflow/instance/" + id).bearer(key).send().body())
                    .path("data").path("log")).isNotEmpty();
        } finally {
            // SIGTERM; Process.destroy() would also close our end of its output and lose the shutdown lines
            process.toHandle().destroy();
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
        reader.join(Duration.ofSeconds(5));
        assertThat(lines).as("exit " + process.exitValue() + "\n" + String.join("\n", lines)).anyMatch(l -> l.contains("shutting down"))
                .anyMatch(l -> l.endsWith("stopped"));
        assertThat(String.join("\n", lines)).doesNotContain("Exception");
    }

    @Test
    void logs_json_lines_carrying_the_instance_workflow_step_and_attempt() throws Exception {
        Path jar = Path.of("target", "reactory.jar");
        Path config = Path.of("..", "examples", "config").toAbsolutePath().normalize();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "serve",
                "--port", "0", "--config", config.toString(), "--data", data.toString(), "--log-format", "json")
                .redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        ObjectMapper json = new ObjectMapper();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream().anyMatch(l -> SERVING.matcher(l).find()));
            Http http = new Http(URI.create(match(lines, SERVING)));
            String key = match(lines, KEY);
            // data-processing depends on data-validation (the specification's YAML): it starts once one completed
            http.post("/workflow/start/data-validation", "{\"data\":{}}").bearer(key).send();
            // the declarative data-processing workflow's last step logs "processed N" through SLF4J
            String id = http.post("/workflow/start/data-processing", "{\"data\":{\"records\":[{\"id\":1}]}}").bearer(key)
                    .send().json().path("instanceId").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.contains("processed")));
            JsonNode step = null;
            for (String line : lines) {
                if (line.startsWith("{") && line.contains("processed")) {
                    step = json.readTree(line);
                }
            }
            assertThat(step).as(String.join("\n", lines)).isNotNull();
            assertThat(step.path("level").asText()).isEqualTo("INFO");
            assertThat(step.path("formattedMessage").asText()).contains("data-processing: processed");
            JsonNode mdc = step.path("mdc");
            assertThat(mdc.path("instanceId").asText()).isEqualTo(id);
            assertThat(mdc.path("workflowId").asText()).isEqualTo("data-processing");
            assertThat(mdc.path("workflowVersion").asText()).isEqualTo("1");   // "1.0" and "1" are one version
            assertThat(mdc.path("step").asText()).isEqualTo("done");
            assertThat(mdc.path("attempt").asText()).isEqualTo("1");
        } finally {
            process.toHandle().destroy();
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(Duration.ofSeconds(5));
        // every log line after the switch is one JSON object (the lines serve prints itself are not logs)
        List<String> logLines = lines.stream().filter(l -> l.contains("\"level\"")).toList();
        assertThat(logLines).isNotEmpty().allSatisfy(l -> assertThat(json.readTree(l).isObject()).isTrue());
    }

    private static String match(List<String> lines, Pattern pattern) {
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no line matches " + pattern + " in:" + File.separator + String.join("\n", lines));
    }
}
