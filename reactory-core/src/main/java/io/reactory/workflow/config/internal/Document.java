package io.reactory.workflow.config.internal;

/**
 * A configuration value bound from one (possibly overlaid) YAML tree, with the tree kept so that later checks
 * (references, cycles) can point at the line of the field they concern.
 *
 * @param file the file the document's identity comes from (the base file, or the overlay when there is no base)
 */
public record Document<T>(String file, YNode root, T value) {

    /** Where the field at {@code path} ({@code dependencies[1].workflowId}) is written, or the closest parent. */
    public YNode.Origin at(String path) {
        YNode node = root;
        YNode.Origin best = root == null ? YNode.Origin.of(file) : root.origin();
        if (node == null || path.isEmpty()) {
            return best;
        }
        for (String part : path.split("\\.")) {
            String key = part;
            int index = -1;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                key = part.substring(0, bracket);
                index = Integer.parseInt(part.substring(bracket + 1, part.indexOf(']')));
            }
            if (!(node instanceof YNode.YMap map) || map.get(key) == null) {
                return best;
            }
            node = map.get(key);
            best = node.origin();
            if (index >= 0) {
                if (!(node instanceof YNode.YList list) || index >= list.items().size()) {
                    return best;
                }
                node = list.items().get(index);
                best = node.origin();
            }
        }
        return best;
    }
}
