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
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Reading one workflow's configuration from disk, and validating and writing one. */
final class ConfigWrites {
    private final ConfigurationOptions options;
    private final SafeYaml yaml;
    private final ConfigLoader loader;
    private final Supplier<ConfigLoader.Context> context;

    ConfigWrites(ConfigurationOptions options, SafeYaml yaml, ConfigLoader loader, Supplier<ConfigLoader.Context> context) {
        this.options = options;
        this.yaml = yaml;
        this.loader = loader;
        this.context = context;
    }

    WorkflowConfig load(String workflowId) {
        Sources sources = read();
        ConfigLoader.Loaded loaded = loader.load(sources, context.get());
        String relative = fileOf(sources, workflowId);
        if (relative == null) {
            throw new ConfigurationException("no configuration for workflow '" + workflowId + "' in "
                    + options.directory(), loaded.result());
        }
        List<ConfigProblem> own = loaded.result().errors().stream()
                .filter(p -> p.file().equals(relative) || p.file().equals(overlayLabel(relative))).toList();
        WorkflowConfig config = loaded.set().workflows().get(workflowId);
        if (!own.isEmpty() || config == null) {
            throw new ConfigurationException("configuration of workflow '" + workflowId + "' is invalid",
                    new ValidationResult(own.isEmpty() ? loaded.result().errors() : own));
        }
        return config;
    }

    /** The change as files: where it goes, the YAML text, and the sources with it in place. */
    private record Change(String relative, Path file, String text, Sources sources) {}

    ValidationResult validate(WorkflowConfig config) {
        return loader.load(change(config).sources(), context.get()).result();
    }

    void save(WorkflowConfig config) {
        Change change = change(config);
        ValidationResult result = loader.load(change.sources(), context.get()).result();
        if (!result.isValid()) {
            throw new ConfigurationException("configuration of workflow '" + config.id() + "' is invalid; nothing was written",
                    result);
        }
        try {
            if (change.text() == null) {
                Files.deleteIfExists(change.file());
            } else {
                YamlFiles.writeAtomically(change.file(), change.text());
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot write " + options.directory().relativize(change.file()), e);
        }
    }

    private Change change(WorkflowConfig config) {
        if (config.id() == null || config.id().isBlank()) {
            throw new IllegalArgumentException("a workflow configuration needs an id");
        }
        Sources sources = read();
        String relative = fileOf(sources, config.id());
        if (relative == null) {
            relative = "workflows/" + config.id() + ".yml";
        }
        Map<String, Object> wanted = YamlFiles.toTree(config);
        String environment = options.environment();
        YNode base = sources.base().get(relative);
        if (environment == null) {
            String text = YamlFiles.dump(wanted, null);
            return new Change(relative, options.directory().resolve(relative), text,
                    sources.withBase(relative, parse(text, relative)));
        }
        Object overlay = base == null ? wanted : Overlay.diff(Plain.of(base), wanted);
        Path file = Sources.environmentDirectory(options.directory(), environment).resolve(relative);
        String label = sources.overlayLabel(relative);
        String text = overlay == null ? null : YamlFiles.dump(overlay, "overlay of " + environment);
        return new Change(relative, file, text, sources.withOverlay(relative, text == null ? null : parse(text, label)));
    }

    private YNode parse(String text, String label) {
        return yaml.read(text, label).root();
    }

    private Sources read() {
        return Sources.read(options.directory(), options.environment(), yaml);
    }

    private String overlayLabel(String relative) {
        return options.environment() == null ? relative : "environments/" + options.environment() + "/" + relative;
    }

    /** The base-relative file whose effective tree has this workflow id, or null. */
    private static String fileOf(Sources sources, String workflowId) {
        Map<String, YNode> trees = sources.effective(new Problems());
        for (Map.Entry<String, YNode> entry : trees.entrySet()) {
            if (entry.getKey().startsWith("workflows/") && entry.getValue() instanceof YNode.YMap map
                    && map.get("id") != null && workflowId.equals(String.valueOf(Plain.of(map.get("id"))))) {
                return entry.getKey();
            }
        }
        return null;
    }
}
