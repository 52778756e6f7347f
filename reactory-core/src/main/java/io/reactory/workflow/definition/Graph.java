package io.reactory.workflow.definition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Mutable graph under construction by the builders; {@link #freeze} makes the immutable node list. */
final class Graph {
    final String workflowId;
    final String version;
    private final List<Draft> drafts = new ArrayList<>();

    Graph(String workflowId, String version) {
        this.workflowId = workflowId;
        this.version = version;
    }

    /** A node being built: kind and policy are filled in as the fluent calls arrive. */
    static final class Draft {
        final int id;
        final int parent;
        String name;
        boolean explicitName;
        StepKind kind;
        int next = -1;
        StepPolicy policy = StepPolicy.DEFAULT;

        Draft(int id, int parent, StepKind kind) {
            this.id = id;
            this.parent = parent;
            this.kind = kind;
        }
    }

    /** A chain of steps linked by {@code next}: the main flow, a branch, a loop body or a compensation. */
    static final class Chain {
        final int parent;
        int first = -1;
        int last = -1;

        Chain(int parent) {
            this.parent = parent;
        }

        boolean isEmpty() {
            return first < 0;
        }
    }

    Draft append(Chain chain, StepKind kind, String defaultName) {
        Draft draft = new Draft(drafts.size(), chain.parent, kind);
        draft.name = defaultName;
        drafts.add(draft);
        if (chain.isEmpty()) {
            chain.first = draft.id;
        } else {
            drafts.get(chain.last).next = draft.id;
        }
        chain.last = draft.id;
        return draft;
    }

    Draft draft(int id) {
        return drafts.get(id);
    }

    DefinitionException error(String problem) {
        return new DefinitionException(workflowId, version, problem);
    }

    List<StepNode> freeze() {
        Set<String> explicit = new HashSet<>();
        for (Draft draft : drafts) {
            if (draft.explicitName && !explicit.add(draft.name)) {
                throw error("duplicate step name '" + draft.name + "'");
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        List<StepNode> nodes = new ArrayList<>(drafts.size());
        for (Draft draft : drafts) {
            String name = draft.name;
            if (!draft.explicitName) {
                int count = seen.merge(name, 1, Integer::sum);
                String candidate = count == 1 ? name : name + "-" + count;
                while (explicit.contains(candidate)) {
                    count = seen.merge(name, 1, Integer::sum);
                    candidate = name + "-" + count;
                }
                name = candidate;
            }
            nodes.add(new StepNode(draft.id, name, draft.kind, draft.next, draft.parent, draft.policy));
        }
        return nodes;
    }
}
