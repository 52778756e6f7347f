package io.reactory.workflow.config.internal;

import io.reactory.workflow.config.ConfigProblem;
import io.reactory.workflow.config.ValidationResult;
import java.util.ArrayList;
import java.util.List;

/** Collects problems while a configuration tree is read; not thread-safe. */
public final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();

    public void error(YNode.Origin at, String field, String message) {
        list.add(new ConfigProblem(at.file(), at.line(), at.column(), field, message, ConfigProblem.Severity.ERROR));
    }

    public void warning(YNode.Origin at, String field, String message) {
        list.add(new ConfigProblem(at.file(), at.line(), at.column(), field, message, ConfigProblem.Severity.WARNING));
    }

    public void add(ConfigProblem problem) {
        list.add(problem);
    }

    public void addAll(List<ConfigProblem> problems) {
        list.addAll(problems);
    }

    public int errorCount() {
        return (int) list.stream().filter(ConfigProblem::isError).count();
    }

    public boolean hasErrors() {
        return errorCount() > 0;
    }

    public List<ConfigProblem> list() {
        return List.copyOf(list);
    }

    public ValidationResult result() {
        return new ValidationResult(list);
    }
}
