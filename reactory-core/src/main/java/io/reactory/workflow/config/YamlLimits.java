package io.reactory.workflow.config;

/**
 * Bounds on what one configuration file may cost to read, so a huge file or an alias bomb ("billion laughs") is
 * refused quickly with bounded memory instead of exhausting the heap.
 *
 * @param maxFileBytes a larger file is refused before it is read
 * @param maxAliases   alias references to collections allowed in one document
 * @param maxDepth     nesting depth of mappings and lists
 * @param maxNodes     nodes one document may expand to once aliases are followed
 */
public record YamlLimits(long maxFileBytes, int maxAliases, int maxDepth, int maxNodes) {
    /** 1 MiB, 50 aliases, depth 40, 100,000 nodes: far above any real workflow configuration. */
    public static final YamlLimits DEFAULT = new YamlLimits(1024 * 1024, 50, 40, 100_000);

    public YamlLimits {
        if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("maxFileBytes must be between 1 and " + Integer.MAX_VALUE / 4 + " but was " + maxFileBytes);
        }
        if (maxAliases < 0) {
            throw new IllegalArgumentException("maxAliases must not be negative but was " + maxAliases);
        }
        if (maxDepth < 2) {
            throw new IllegalArgumentException("maxDepth must be at least 2 but was " + maxDepth);
        }
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be positive but was " + maxNodes);
        }
    }
}
