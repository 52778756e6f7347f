package io.reactory.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code reactory run} runs the examples on the embedded SQLite file of its data folder, run after run. */
class RunCommandIT {
    @TempDir
    Path data;

    private String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        assertThat(cli.execute(all)).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    void runs_every_example_on_the_sqlite_file_and_again_on_the_same_file() {
        String first = run("--data", data.toString());

        assertThat(first).contains("Store: SQLite store " + data.resolve("reactory.db"), "simple-workflow        COMPLETED",
                "instancesByStatus={COMPLETED=7}");
        assertThat(data.resolve("reactory.db")).isRegularFile();
        assertThat(run("--data", data.toString())).as("the first run's instances are still in the file")
                .contains("instancesByStatus={COMPLETED=14}");
    }

    @Test
    void keeps_nothing_with_the_memory_store() {
        assertThat(run("--store", "memory")).contains("Store: in-memory store (state is lost on exit)",
                "instancesByStatus={COMPLETED=7}");
    }
}
