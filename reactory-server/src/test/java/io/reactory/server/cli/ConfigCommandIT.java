package io.reactory.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.server.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandIT {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    private void copyExamples() throws IOException {
        Path examples = Path.of("../examples/config");
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve(examples.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    @Test
    void validate_accepts_the_example_configuration() throws IOException {
        copyExamples();
        assertThat(run("config", "validate", dir.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ok base: 1 workflows, 1 schedules, 3 definitions", "ok dev:", "ok prod:");
    }

    @Test
    void validate_prints_each_problem_with_file_line_column_and_field_and_exits_non_zero() throws IOException {
        copyExamples();
        Files.writeString(dir.resolve("workflows/data-processing.yml"),
                Files.readString(dir.resolve("workflows/data-processing.yml")).replace("concurrency: 5", "concurency: 5"));
        Files.writeString(dir.resolve("environments/prod/schedules/daily-reports.yml"), "schedule:\n  timezone: \"Europe/Londn\"\n");
        assertThat(run("config", "validate", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(
                "workflows/data-processing.yml:10:1 concurency: unknown field 'concurency'; did you mean 'concurrency'?",
                "environments/prod/schedules/daily-reports.yml:2:13 schedule.timezone: unknown time zone 'Europe/Londn';"
                        + " did you mean 'Europe/London'?",
                "2 errors in");
    }

    @Test
    void migrate_dry_run_shows_the_difference_and_migrate_writes_it() throws IOException {
        copyExamples();
        Path prod = dir.resolve("environments/prod/workflows/data-processing.yml");
        String before = Files.readString(prod);
        assertThat(run("config", "migrate", "--from", "dev", "--to", "prod", "--dry-run", "--dir", dir.toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("would migrate dev → prod", "~ environments/prod/workflows/data-processing.yml",
                "concurrency: 20 → 1");
        assertThat(Files.readString(prod)).isEqualTo(before);

        out.getBuffer().setLength(0);
        assertThat(run("config", "migrate", "--from", "dev", "--to", "prod", "--dir", dir.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("migrated dev → prod", "backup of the previous files");
        assertThat(Files.readString(prod)).contains("concurrency: 1");
        out.getBuffer().setLength(0);
        assertThat(run("config", "migrate", "--from", "dev", "--to", "prod", "--dry-run", "--dir", dir.toString())).isZero();
        assertThat(out.toString()).contains("nothing to change");
    }

    @Test
    void migrate_from_an_invalid_environment_prints_the_problems_and_exits_non_zero() throws IOException {
        copyExamples();
        Files.writeString(dir.resolve("environments/dev/workflows/data-processing.yml"), "concurrency: zero\n");
        assertThat(run("config", "migrate", "--from", "dev", "--to", "prod", "--dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("environments/dev/workflows/data-processing.yml:1:14 concurrency: must be an"
                + " integer but is the string 'zero'");
    }
}
