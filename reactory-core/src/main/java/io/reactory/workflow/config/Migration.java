package io.reactory.workflow.config;

import io.reactory.workflow.config.internal.ConfigLoader;
import io.reactory.workflow.config.internal.Overlay;
import io.reactory.workflow.config.internal.Plain;
import io.reactory.workflow.config.internal.Problems;
import io.reactory.workflow.config.internal.SafeYaml;
import io.reactory.workflow.config.internal.Sources;
import io.reactory.workflow.config.internal.YNode;
import io.reactory.workflow.config.internal.YamlFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code migrateConfiguration(from, to)}: makes the effective configuration of {@code to} equal that of {@code from}
 * for every file {@code from} has, by rewriting {@code to}'s overlays as the smallest difference from the base.
 * Files only {@code to} has are kept. The result is validated before anything is written, and the overlays it
 * replaces are copied to {@code .backups/<to>-<time>/} first.
 */
final class Migration {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path root;
    private final SafeYaml yaml;
    private final ConfigLoader loader;
    private final ConfigLoader.Context context;
    private final Clock clock;

    Migration(Path root, SafeYaml yaml, ConfigLoader loader, ConfigLoader.Context context, Clock clock) {
        this.root = root;
        this.yaml = yaml;
        this.loader = loader;
        this.context = context;
        this.clock = clock;
    }

    /** A file to write ({@code text}) or delete ({@code text == null}) in the target environment. */
    private record Write(String relative, String text) {}

    MigrationPlan run(String from, String to, boolean dryRun) {
        if (Objects.equals(from, to)) {
            throw new IllegalArgumentException("migrate from and to the same environment '" + from + "'");
        }
        if (!Files.isDirectory(Sources.environmentDirectory(root, from))) {
            throw new IllegalArgumentException("there is no environment '" + from + "' (no folder environments/" + from
                    + ")" + io.reactory.workflow.config.internal.Suggestions.didYouMean(from, Sources.environments(root)));
        }
        Sources.environmentDirectory(root, to);
        Sources source = Sources.read(root, from, yaml);
        Sources target = Sources.read(root, to, yaml);
        ValidationResult sourceCheck = loader.load(source, context).result();
        if (!sourceCheck.isValid()) {
            throw new ConfigurationException("environment '" + from + "' is invalid; nothing was migrated", sourceCheck);
        }
        Problems ignored = new Problems();
        Map<String, YNode> wanted = source.effective(ignored);
        Map<String, YNode> present = target.effective(ignored);
        List<MigrationPlan.FileChange> changes = new ArrayList<>();
        List<Write> writes = new ArrayList<>();
        Sources result = target;
        for (Map.Entry<String, YNode> entry : wanted.entrySet()) {
            String relative = entry.getKey();
            Object desired = Plain.of(entry.getValue());
            Object current = present.containsKey(relative) ? Plain.of(present.get(relative)) : null;
            if (Objects.equals(desired, current)) {
                continue;
            }
            List<MigrationPlan.FieldChange> fields = new ArrayList<>();
            Overlay.changes("", current, desired, fields);
            changes.add(new MigrationPlan.FileChange(target.overlayLabel(relative),
                    current == null ? MigrationPlan.Kind.ADDED : MigrationPlan.Kind.CHANGED, fields));
            YNode base = target.base().get(relative);
            Object overlay = base == null ? desired : Overlay.diff(Plain.of(base), desired);
            String text = overlay == null ? null
                    : YamlFiles.dump(overlay, "overlay of " + to + ", written by migrate from " + from);
            writes.add(new Write(relative, text));
            result = result.withOverlay(relative, text == null ? null : parse(text, target.overlayLabel(relative)));
        }
        List<String> onlyInTarget = present.keySet().stream().filter(r -> !wanted.containsKey(r))
                .map(target::label).toList();
        if (dryRun || writes.isEmpty()) {
            return new MigrationPlan(from, to, changes, onlyInTarget, false, null);
        }
        ValidationResult check = loader.load(result, context).result();
        if (!check.isValid()) {
            throw new ConfigurationException("the migrated configuration of '" + to + "' would be invalid; nothing was"
                    + " written", check);
        }
        Path backup = backup(to, writes);
        for (Write write : writes) {
            Path file = Sources.environmentDirectory(root, to).resolve(write.relative());
            try {
                if (write.text() == null) {
                    Files.deleteIfExists(file);
                } else {
                    YamlFiles.writeAtomically(file, write.text());
                }
            } catch (IOException e) {
                throw new ConfigurationException("cannot write " + root.relativize(file) + " (backup in " + backup + ")", e);
            }
        }
        return new MigrationPlan(from, to, changes, onlyInTarget, true, backup);
    }

    private YNode parse(String text, String label) {
        SafeYaml.Parsed parsed = yaml.read(text, label);
        return parsed.root();
    }

    private Path backup(String to, List<Write> writes) {
        Path backup = root.resolve(".backups").resolve(to + "-" + STAMP.format(clock.instant()));
        try {
            Files.createDirectories(backup);
            Map<Path, Path> copies = new LinkedHashMap<>();
            for (Write write : writes) {
                Path file = Sources.environmentDirectory(root, to).resolve(write.relative());
                if (Files.exists(file)) {
                    copies.put(file, backup.resolve(write.relative()));
                }
            }
            for (Map.Entry<Path, Path> copy : copies.entrySet()) {
                Files.createDirectories(copy.getValue().getParent());
                Files.copy(copy.getKey(), copy.getValue(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
            return backup;
        } catch (IOException e) {
            throw new ConfigurationException("cannot back up environment '" + to + "' to " + backup + "; nothing was written", e);
        }
    }
}
