package io.reactory.workflow.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ConfigurationManager#migrateConfiguration} changes in the target environment: per configuration file,
 * the fields whose effective value differs. A dry run returns the plan without writing. Immutable.
 *
 * @param backup where the target environment's previous files were copied before writing; null for a dry run or
 *               when nothing was written
 */
public record MigrationPlan(String from, String to, List<FileChange> changes, List<String> onlyInTarget,
                           boolean applied, Path backup) {

    public MigrationPlan {
        changes = List.copyOf(changes);
        onlyInTarget = List.copyOf(onlyInTarget);
    }

    /** True when the target already has the source's configuration. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** One configuration file of the target environment that changes. */
    public record FileChange(String file, Kind kind, List<FieldChange> fields) {
        public FileChange {
            Objects.requireNonNull(file, "file");
            fields = List.copyOf(fields);
        }
    }

    /** Whether the file's configuration is new in the target or changes there. */
    public enum Kind {
        ADDED,
        CHANGED
    }

    /** A field whose effective value differs: null {@code before} when it was absent, null {@code after} when removed. */
    public record FieldChange(String field, Object before, Object after) {}

    /** The plan as the CLI prints it: one line per changed field. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(applied ? "migrated " : "would migrate ").append(from).append(" → ").append(to).append(": ");
        if (changes.isEmpty()) {
            out.append("nothing to change\n");
        } else {
            out.append(changes.size()).append(changes.size() == 1 ? " file\n" : " files\n");
        }
        for (FileChange change : changes) {
            out.append(change.kind() == Kind.ADDED ? "+ " : "~ ").append(change.file()).append('\n');
            for (FieldChange field : change.fields()) {
                out.append("    ").append(field.field()).append(": ").append(show(field.before())).append(" → ")
                        .append(show(field.after())).append('\n');
            }
        }
        for (String kept : onlyInTarget) {
            out.append("= ").append(kept).append(" (only in ").append(to).append(", kept)\n");
        }
        if (backup != null) {
            out.append("backup of the previous files: ").append(backup).append('\n');
        }
        return out.toString();
    }

    private static String show(Object value) {
        if (value == null) {
            return "(absent)";
        }
        return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    }
}
