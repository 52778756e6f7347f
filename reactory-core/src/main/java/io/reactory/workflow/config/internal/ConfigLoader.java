package io.reactory.workflow.config.internal;

import io.reactory.workflow.config.ConfigProblem;
import io.reactory.workflow.config.ConfigurationSet;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.config.ValidationResult;
import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.definition.WorkflowVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one validating loader: effective trees (overlays applied) → records and definitions, then the checks that
 * span files: unique ids, references to workflows and versions, dependency cycles, and definitions that would change
 * under running instances. Thread-safe (stateless apart from its collaborators).
 */
public final class ConfigLoader {
    private final DefinitionReader definitions;

    public ConfigLoader(DefinitionReader definitions) {
        this.definitions = definitions;
    }

    /** Reads a definition tree; null when it has errors (reported to {@code problems}). */
    @FunctionalInterface
    public interface DefinitionReader {
        WorkflowDefinition read(YNode root, Problems problems);
    }

    /**
     * What is registered on the engine besides this configuration.
     *
     * @param java     Java-registered workflows: id → canonical versions; null when validating without an engine
     *                 (references are then resolved among the files alone)
     * @param declared definitions this manager registered from YAML earlier, keyed {@code id@version}
     */
    public record Context(Map<String, Set<String>> java, Map<String, WorkflowDefinition> declared) {
        public static final Context OFFLINE = new Context(null, Map.of());
    }

    /** The outcome: the set (complete only when the result is valid) and every problem. */
    public record Loaded(ConfigurationSet set, ValidationResult result) {}

    public Loaded load(Sources sources, Context context) {
        Problems problems = new Problems();
        problems.addAll(sources.problems());
        Map<String, YNode> trees = sources.effective(problems);
        Map<String, Document<WorkflowConfig>> workflows = new LinkedHashMap<>();
        Map<String, Document<ScheduleConfig>> schedules = new LinkedHashMap<>();
        Map<String, Document<WorkflowDefinition>> defined = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        trees.forEach((relative, tree) -> {
            String label = sources.label(relative);
            String kind = relative.substring(0, relative.indexOf('/'));
            switch (kind) {
                case "workflows" -> {
                    WorkflowConfig config = WorkflowConfigBinder.bind(tree, problems);
                    if (config.id() != null && unique(problems, tree, "workflow", config.id(), label, files)) {
                        workflows.put(config.id(), new Document<>(label, tree, config));
                    }
                }
                case "schedules" -> {
                    ScheduleConfig config = ScheduleConfigBinder.bind(tree, problems);
                    if (config.id() != null && unique(problems, tree, "schedule", config.id(), label, files)) {
                        schedules.put(config.id(), new Document<>(label, tree, config));
                    }
                }
                default -> {
                    WorkflowDefinition definition = definitions.read(tree, problems);
                    if (definition != null && unique(problems, tree, "definition",
                            definition.id() + "@" + definition.version().text(), label, files)) {
                        defined.put(definition.id() + "@" + definition.version().text(), new Document<>(label, tree, definition));
                    }
                }
            }
        });
        Map<String, Set<String>> known = knownWorkflows(context, workflows, defined);
        checkDefinitions(defined, context, problems);
        checkWorkflows(workflows, known, context, problems);
        checkSchedules(schedules, known, context, problems);
        new Cycles(workflows, problems).find();
        ConfigurationSet set = new ConfigurationSet(sources.environment(), 0,
                map(workflows), map(schedules), defined.values().stream().map(Document::value).toList(), files);
        return new Loaded(set, problems.result());
    }

    private static <T> Map<String, T> map(Map<String, Document<T>> documents) {
        Map<String, T> out = new LinkedHashMap<>();
        documents.forEach((id, doc) -> out.put(id, doc.value()));
        return out;
    }

    private static boolean unique(Problems problems, YNode tree, String kind, String id, String label,
                                  Map<String, String> files) {
        String previous = files.putIfAbsent(kind + ":" + id, label);
        if (previous != null) {
            YNode.Origin at = tree instanceof YNode.YMap map && map.get("id") != null ? map.get("id").origin() : tree.origin();
            problems.error(at, "id", kind + " '" + id + "' is already configured in " + previous);
            return false;
        }
        return true;
    }

    /** Workflow id → versions anyone may refer to. */
    private static Map<String, Set<String>> knownWorkflows(Context context, Map<String, Document<WorkflowConfig>> workflows,
                                                           Map<String, Document<WorkflowDefinition>> defined) {
        Map<String, Set<String>> known = new HashMap<>();
        if (context.java() != null) {
            context.java().forEach((id, versions) -> known.computeIfAbsent(id, k -> new TreeSet<>()).addAll(versions));
        } else {
            // without an engine, a workflow configuration vouches for its workflow (defined in Java elsewhere)
            workflows.values().forEach(doc -> {
                Set<String> versions = known.computeIfAbsent(doc.value().id(), k -> new TreeSet<>());
                if (doc.value().version() != null) {
                    versions.add(WorkflowVersion.parse(doc.value().version()).text());
                }
            });
        }
        defined.values().forEach(doc -> known.computeIfAbsent(doc.value().id(), k -> new TreeSet<>())
                .add(doc.value().version().text()));
        return known;
    }

    private static void checkDefinitions(Map<String, Document<WorkflowDefinition>> defined, Context context,
                                         Problems problems) {
        defined.forEach((key, doc) -> {
            WorkflowDefinition definition = doc.value();
            if (context.java() != null && context.java().getOrDefault(definition.id(), Set.of())
                    .contains(definition.version().text())) {
                problems.error(doc.at("id"), "id", "workflow '" + definition.id() + "' version "
                        + definition.version().text() + " is already registered in Java");
                return;
            }
            WorkflowDefinition previous = context.declared().get(key);
            if (previous != null && !DefinitionShape.of(previous).equals(DefinitionShape.of(definition))) {
                problems.error(doc.at("steps"), "steps", "the steps of '" + definition.id() + "' version "
                        + definition.version().text() + " changed while it is registered; running instances rely on"
                        + " them: give the changed workflow a new version");
            }
        });
    }

    private static void checkWorkflows(Map<String, Document<WorkflowConfig>> workflows, Map<String, Set<String>> known,
                                       Context context, Problems problems) {
        workflows.values().forEach(doc -> {
            WorkflowConfig config = doc.value();
            if (reference(problems, doc, "id", config.id(), config.version(), "version", known)) {
                for (int i = 0; i < config.dependencies().size(); i++) {
                    String target = config.dependencies().get(i).workflowId();
                    if (!known.containsKey(target)) {
                        problems.error(doc.at("dependencies[" + i + "]"), "dependencies[" + i + "]",
                                unknownWorkflow(target, known));
                    }
                }
            }
        });
    }

    private static void checkSchedules(Map<String, Document<ScheduleConfig>> schedules, Map<String, Set<String>> known,
                                       Context context, Problems problems) {
        schedules.values().forEach(doc -> {
            ScheduleConfig.WorkflowRef ref = doc.value().workflow();
            if (ref != null && ref.id() != null) {
                reference(problems, doc, "workflow.id", ref.id(), ref.version(), "workflow.version", known);
            }
        });
    }

    /** Checks that a workflow (and version, when given) exists; false when it does not. */
    private static boolean reference(Problems problems, Document<?> doc, String idField, String id, String version,
                                     String versionField, Map<String, Set<String>> known) {
        if (id == null) {
            return false;
        }
        Set<String> versions = known.get(id);
        if (versions == null) {
            problems.error(doc.at(idField), idField, unknownWorkflow(id, known));
            return false;
        }
        if (version != null && !versions.isEmpty() && !versions.contains(WorkflowVersion.parse(version).text())) {
            problems.error(doc.at(versionField), versionField, "workflow '" + id + "' has no version " + version
                    + " (registered: " + String.join(", ", versions) + ")");
            return false;
        }
        return true;
    }

    private static String unknownWorkflow(String id, Map<String, Set<String>> known) {
        return "no workflow '" + id + "' is registered or defined" + Suggestions.didYouMean(id, known.keySet());
    }

    /** Dependency cycles among configured workflows, each reported once at the edge that closes it. */
    private static final class Cycles {
        private final Map<String, Document<WorkflowConfig>> workflows;
        private final Problems problems;
        private final Map<String, Integer> state = new HashMap<>();
        private final List<String> stack = new ArrayList<>();
        private final Set<String> reported = new LinkedHashSet<>();

        Cycles(Map<String, Document<WorkflowConfig>> workflows, Problems problems) {
            this.workflows = workflows;
            this.problems = problems;
        }

        void find() {
            new TreeSet<>(workflows.keySet()).forEach(this::visit);
        }

        private void visit(String id) {
            if (state.getOrDefault(id, 0) != 0) {
                return;
            }
            state.put(id, 1);
            stack.add(id);
            Document<WorkflowConfig> doc = workflows.get(id);
            List<WorkflowConfig.Dependency> dependencies = doc.value().dependencies();
            for (int i = 0; i < dependencies.size(); i++) {
                String target = dependencies.get(i).workflowId();
                if (!workflows.containsKey(target)) {
                    continue;
                }
                if (state.getOrDefault(target, 0) == 1) {
                    List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(target), stack.size()));
                    if (reported.add(String.join(",", new TreeSet<>(cycle)))) {
                        cycle.add(target);
                        problems.error(doc.at("dependencies[" + i + "]"), "dependencies[" + i + "]",
                                "dependency cycle: " + String.join(" → ", cycle));
                    }
                } else {
                    visit(target);
                }
            }
            stack.remove(stack.size() - 1);
            state.put(id, 2);
        }
    }

    /** Problems of a single file, for callers that validated one. */
    public static List<ConfigProblem> inFile(ValidationResult result, String label) {
        return result.problems().stream().filter(p -> p.file().equals(label)).toList();
    }
}
