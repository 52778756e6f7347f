package io.reactory.workflow.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of validating configuration: every problem found, in file and line order. Immutable.
 */
public record ValidationResult(List<ConfigProblem> problems) {
    private static final Comparator<ConfigProblem> ORDER = Comparator.comparing(ConfigProblem::file)
            .thenComparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column)
            .thenComparing(ConfigProblem::field).thenComparing(ConfigProblem::message);

    public static final ValidationResult OK = new ValidationResult(List.of());

    public ValidationResult {
        problems = problems.stream().distinct().sorted(ORDER).toList();
    }

    /** True when there is no error (warnings allowed). */
    public boolean isValid() {
        return problems.stream().noneMatch(ConfigProblem::isError);
    }

    public List<ConfigProblem> errors() {
        return problems.stream().filter(ConfigProblem::isError).toList();
    }

    public List<ConfigProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** One problem per line, as the CLI prints them. */
    public String format() {
        return problems.stream().map(ConfigProblem::format).collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return problems.isEmpty() ? "valid" : format();
    }
}
