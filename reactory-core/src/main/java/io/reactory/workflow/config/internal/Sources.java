package io.reactory.workflow.config.internal;

import io.reactory.workflow.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The YAML trees of one configuration directory: the base files ({@code workflows/}, {@code schedules/},
 * {@code definitions/}) and the overlay files of one environment ({@code environments/<env>/...}), keyed by their
 * path relative to the base ({@code workflows/etl.yml}). Immutable; {@link #with} makes changed copies for
 * validating a change before it is written.
 */
public record Sources(String environment, Map<String, YNode> base, Map<String, YNode> overlay, List<ConfigProblem> problems) {
    public static final List<String> KINDS = List.of("workflows", "schedules", "definitions");
    public static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public Sources {
        base = Collections.unmodifiableMap(new TreeMap<>(base));
        overlay = Collections.unmodifiableMap(new TreeMap<>(overlay));
        problems = List.copyOf(problems);
    }

    /** Reads every {@code *.yml} / {@code *.yaml} under the kind folders; unreadable files become problems. */
    public static Sources read(Path root, String environment, SafeYaml yaml) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, YNode> base = readTree(root, "", yaml, problems);
        Map<String, YNode> overlay = environment == null ? Map.of()
                : readTree(environmentDirectory(root, environment), "environments/" + environment + "/", yaml, problems);
        return new Sources(environment, base, overlay, problems);
    }

    public static Path environmentDirectory(Path root, String environment) {
        if (!ENVIRONMENT.matcher(environment).matches()) {
            throw new IllegalArgumentException("environment names are lower-case letters, digits, '_' and '-' but got '"
                    + environment + "'");
        }
        return root.resolve("environments").resolve(environment);
    }

    /** Environments that have a folder under {@code environments/}. */
    public static List<String> environments(Path root) {
        Path dir = root.resolve("environments");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> ENVIRONMENT.matcher(name).matches()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Map<String, YNode> readTree(Path dir, String labelPrefix, SafeYaml yaml, List<ConfigProblem> problems) {
        Map<String, YNode> trees = new TreeMap<>();
        for (String kind : KINDS) {
            Path folder = dir.resolve(kind);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(Sources::isYaml).sorted().toList();
            } catch (IOException e) {
                problems.add(ConfigProblem.error(labelPrefix + kind, 0, 0, "", "cannot list the folder: "
                        + e.getClass().getSimpleName()));
                continue;
            }
            for (Path file : files) {
                String relative = kind + "/" + file.getFileName();
                SafeYaml.Parsed parsed = yaml.read(file, labelPrefix + relative);
                problems.addAll(parsed.problems());
                if (parsed.root() != null) {
                    trees.put(relative, parsed.root());
                } else if (parsed.ok()) {
                    problems.add(ConfigProblem.error(labelPrefix + relative, 0, 0, "", "the file is empty"));
                }
            }
        }
        return trees;
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".yml") || name.endsWith(".yaml")) && !name.startsWith(".") && Files.isRegularFile(file);
    }

    /** The label a problem uses for a base-relative path in this environment's overlay. */
    public String overlayLabel(String relative) {
        return "environments/" + environment + "/" + relative;
    }

    /** A copy with one base tree replaced (null removes it). */
    public Sources withBase(String relative, YNode tree) {
        Map<String, YNode> copy = new TreeMap<>(base);
        if (tree == null) {
            copy.remove(relative);
        } else {
            copy.put(relative, tree);
        }
        return new Sources(environment, copy, overlay, problems);
    }

    /** A copy with one overlay tree replaced (null removes it). */
    public Sources withOverlay(String relative, YNode tree) {
        Map<String, YNode> copy = new TreeMap<>(overlay);
        if (tree == null) {
            copy.remove(relative);
        } else {
            copy.put(relative, tree);
        }
        return new Sources(environment, base, copy, problems);
    }

    /** The effective tree of every file: the base with its overlay merged, or an overlay that has no base. */
    public Map<String, YNode> effective(Problems problems) {
        Map<String, YNode> out = new TreeMap<>(base);
        overlay.forEach((relative, tree) -> {
            YNode baseTree = base.get(relative);
            if (baseTree == null) {
                out.put(relative, tree);
                return;
            }
            if (!(tree instanceof YNode.YMap overlayMap)) {
                problems.error(tree.origin(), "", "an overlay must be a mapping of the fields it changes");
                return;
            }
            YNode id = overlayMap.get("id");
            if (id != null && baseTree instanceof YNode.YMap baseMap
                    && !java.util.Objects.equals(Plain.of(id), Plain.of(baseMap.get("id")))) {
                problems.error(id.origin(), "id", "an overlay cannot change the id of " + relative
                        + "; add a new file instead");
                return;
            }
            out.put(relative, Overlay.merge(baseTree, tree));
        });
        return out;
    }

    /** The label of the file a document's identity comes from. */
    public String label(String relative) {
        return base.containsKey(relative) ? relative : overlayLabel(relative);
    }
}
