package io.reactory.workflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file under {@code config/broken/} holds one known mistake and says on its first line what must be reported:
 * {@code # expect: LINE[:COLUMN] FIELD: MESSAGE}. Dropped into a valid configuration, it must yield exactly that
 * one problem.
 */
class BrokenFilesIT {
    private static final Path BROKEN = Path.of("src/test/resources/config/broken");
    private static final Path BASELINE = Path.of("src/test/resources/config/baseline");

    @TempDir
    Path dir;

    static Stream<String> files() throws IOException {
        try (Stream<Path> list = Files.list(BROKEN)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void there_are_more_than_twenty_broken_files() throws IOException {
        assertThat(files().count()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void the_baseline_alone_is_valid() throws IOException {
        copyBaseline();
        assertThat(validate().problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void each_broken_file_yields_exactly_its_expected_problem(String name) throws IOException {
        copyBaseline();
        Path source = BROKEN.resolve(name);
        String folder = name.startsWith("workflow-") ? "workflows" : name.startsWith("schedule-") ? "schedules" : "definitions";
        Path target = dir.resolve(folder).resolve(name);
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
        Expectation expected = Expectation.parse(Files.readAllLines(source).get(0));

        List<ConfigProblem> problems = validate().problems();

        assertThat(problems).as("problems of %s", name).hasSize(1);
        ConfigProblem problem = problems.get(0);
        assertThat(problem.file()).isEqualTo(folder + "/" + name);
        assertThat(problem.line()).as("line of: %s", problem).isEqualTo(expected.line());
        if (expected.column() > 0) {
            assertThat(problem.column()).as("column of: %s", problem).isEqualTo(expected.column());
        }
        assertThat(problem.field()).as("field of: %s", problem).isEqualTo(expected.field());
        assertThat(problem.message()).as("message of: %s", problem).contains(expected.message());
        assertThat(problem.isError()).isTrue();
    }

    private ValidationResult validate() {
        return ConfigurationManager.builder(dir).stepTypes(TestStepTypes.registry()).build().validate();
    }

    private void copyBaseline() throws IOException {
        try (Stream<Path> files = Files.walk(BASELINE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve(BASELINE.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    record Expectation(int line, int column, String field, String message) {
        static Expectation parse(String header) {
            String text = header.substring(header.indexOf("expect:") + "expect:".length()).trim();
            String position = text.substring(0, text.indexOf(' '));
            String rest = text.substring(position.length() + 1);
            int colon = rest.indexOf(": ");
            String field = rest.startsWith(":") ? "" : rest.substring(0, colon);
            String message = rest.startsWith(":") ? rest.substring(1).trim() : rest.substring(colon + 2);
            String[] at = position.split(":");
            return new Expectation(Integer.parseInt(at[0]), at.length > 1 ? Integer.parseInt(at[1]) : 0, field, message);
        }
    }
}
