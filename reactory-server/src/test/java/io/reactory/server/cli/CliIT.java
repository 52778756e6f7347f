package io.reactory.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reactory.server.Main;
import io.reactory.server.http.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The client commands against a real server. */
class CliIT {
    private final TestServer t = new TestServer();

    @AfterEach
    void stop() {
        t.close();
    }

    private record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = t.server.uri().toString();
        all[args.length + 2] = "--token";
        all[args.length + 3] = t.operator;
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void start_status_pause_resume_and_cancel_an_instance(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("data.json"), "{\"orderId\":\"cli-1\",\"amount\":7}");
        Run started = run("start", "orders", "--version", "1", "--data", "@" + dir.resolve("data.json"),
                "--priority", "high", "--reference", "cli-1", "--metadata", "source=cli", "--idempotency-key", "cli-1");
        assertThat(started.exit()).as(started.err()).isZero();
        String id = started.json().path("instanceId").asText();
        assertThat(run("start", "orders", "--idempotency-key", "cli-1").json().path("instanceId").asText()).isEqualTo(id);

        await().atMost(Duration.ofSeconds(10)).until(() -> run("status", id).json().path("status").asText().equals("RUNNING"));
        JsonNode status = run("status", id).json();
        assertThat(status.path("priority").asText()).isEqualTo("HIGH");
        assertThat(status.path("data").path("amount").asInt()).isEqualTo(7);
        assertThat(status.path("metadata").path("source").asText()).isEqualTo("cli");

        assertThat(run("pause", id).exit()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> run("status", id).json().path("status").asText().equals("PAUSED"));
        assertThat(run("resume", id).exit()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> run("status", id).json().path("status").asText().equals("RUNNING"));
        assertThat(run("cancel", id).exit()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> run("status", id).json().path("status").asText().equals("CANCELLED"));
    }

    @Test
    void refusals_print_the_problem_and_exit_1() {
        Run unknown = run("status", "no-such-instance");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("error 404 instance-not-found");
        Run bad = run("start", "orders", "--priority", "urgent");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("422", "priority");
    }

    @Test
    void bad_usage_exits_2_and_an_unreachable_server_3() {
        assertThat(run("start", "orders", "--data", "{not json").exit()).isEqualTo(2);
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("status", "x", "--server", "http://127.0.0.1:1")).isEqualTo(3);
        assertThat(err.toString()).contains("cannot reach");
        assertThat(Main.commandLine().execute("pause")).isEqualTo(2);
    }
}
