package io.reactory.workflow.config.internal;

import io.reactory.workflow.config.YamlLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML into a {@link YNode} tree without ever constructing Java objects from it: SnakeYAML only composes
 * nodes, so no tag can name a class. Only the core schema's tags are accepted. Files over the size limit are refused
 * before they are read; aliases, nesting and expanded size are bounded; duplicate keys are reported. Thread-safe.
 */
public final class SafeYaml {
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);
    private final YamlLimits limits;

    public SafeYaml(YamlLimits limits) {
        this.limits = limits;
    }

    /** A parsed document: the root (null when the file is empty or unreadable) and the problems found. */
    public record Parsed(YNode root, List<io.reactory.workflow.config.ConfigProblem> problems) {
        public boolean ok() {
            return problems.stream().noneMatch(io.reactory.workflow.config.ConfigProblem::isError);
        }
    }

    /** Reads a file; {@code label} is how problems name it (its path relative to the configuration directory). */
    public Parsed read(Path file, String label) {
        Problems problems = new Problems();
        YNode.Origin whole = YNode.Origin.of(label);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
                problems.error(whole, "", "not a regular file");
                return new Parsed(null, problems.list());
            }
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                problems.error(whole, "", tooLarge(size));
                return new Parsed(null, problems.list());
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                // the file may grow between the size check and the read: never read more than the limit allows
                bytes = in.readNBytes((int) limits.maxFileBytes() + 1);
            }
            if (bytes.length > limits.maxFileBytes()) {
                problems.error(whole, "", tooLarge(bytes.length));
                return new Parsed(null, problems.list());
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                problems.error(whole, "", "the file is not valid UTF-8");
                return new Parsed(null, problems.list());
            }
            return parse(text, label, problems);
        } catch (IOException e) {
            problems.error(whole, "", "cannot be read: " + e.getClass().getSimpleName());
            return new Parsed(null, problems.list());
        }
    }

    /** Reads YAML text (for example a configuration sent to the API). */
    public Parsed read(String text, String label) {
        Problems problems = new Problems();
        if (text.length() > limits.maxFileBytes()) {
            problems.error(YNode.Origin.of(label), "", tooLarge(text.length()));
            return new Parsed(null, problems.list());
        }
        return parse(text, label, problems);
    }

    private String tooLarge(long size) {
        return "the file is " + size + " bytes, more than the limit of " + limits.maxFileBytes() + " bytes";
    }

    private Parsed parse(String text, String label, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported below, with both positions
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxDepth());
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        Node node;
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options),
                    new Resolver(), options);
            node = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            // an unclosed bracket or quote is noticed lines later: point at where it was opened
            boolean unclosed = e.getContext() != null && e.getContextMark() != null
                    && (e.getContext().contains("flow") || e.getContext().contains("quoted"));
            Mark mark = unclosed ? e.getContextMark() : e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            YNode.Origin at = mark == null ? YNode.Origin.of(label) : new YNode.Origin(label, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            problems.error(at, "", "invalid YAML: " + firstLine(problem)
                    + (unclosed ? " (the " + e.getContext().replace("while parsing a ", "").replace("while scanning a ", "")
                    + " started here)" : ""));
            return new Parsed(null, problems.list());
        } catch (YAMLException e) {
            problems.error(YNode.Origin.of(label), "", "invalid YAML: " + firstLine(e.getMessage()));
            return new Parsed(null, problems.list());
        } catch (StackOverflowError e) {
            problems.error(YNode.Origin.of(label), "", "the document is nested too deeply");
            return new Parsed(null, problems.list());
        }
        if (node == null) {
            return new Parsed(null, problems.list());
        }
        try {
            YNode root = new Converter(label, problems).convert(node, 0, "");
            return new Parsed(root, problems.list());
        } catch (Refused e) {
            problems.error(e.at, "", e.getMessage());
            return new Parsed(null, problems.list());
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }

    /** The whole document is refused (too big once aliases are expanded, or too deep). */
    private static final class Refused extends RuntimeException {
        final YNode.Origin at;

        Refused(YNode.Origin at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    /** Node → YNode, following aliases within the node budget. */
    private final class Converter {
        private final String label;
        private final Problems problems;
        private int nodes;

        Converter(String label, Problems problems) {
            this.label = label;
            this.problems = problems;
        }

        private YNode.Origin origin(Node node) {
            Mark mark = node.getStartMark();
            return mark == null ? YNode.Origin.of(label) : new YNode.Origin(label, mark.getLine() + 1, mark.getColumn() + 1);
        }

        YNode convert(Node node, int depth, String path) {
            if (++nodes > limits.maxNodes()) {
                throw new Refused(origin(node), "the document expands to more than " + limits.maxNodes()
                        + " nodes (aliases are followed); refused");
            }
            if (depth > limits.maxDepth()) {
                throw new Refused(origin(node), "the document is nested deeper than " + limits.maxDepth() + " levels; refused");
            }
            return switch (node) {
                case ScalarNode scalar -> scalar(scalar, path);
                case SequenceNode sequence -> {
                    checkTag(node, Tag.SEQ, path);
                    List<YNode> items = new ArrayList<>();
                    int index = 0;
                    for (Node item : sequence.getValue()) {
                        items.add(convert(item, depth + 1, path + "[" + index++ + "]"));
                    }
                    yield new YNode.YList(items, origin(node));
                }
                case MappingNode mapping -> mapping(mapping, depth, path);
                default -> throw new Refused(origin(node), "unsupported YAML node");
            };
        }

        private void checkTag(Node node, Tag expected, String path) {
            if (!node.getTag().equals(expected)) {
                problems.error(origin(node), path, "the tag '" + node.getTag().getValue() + "' is not allowed here");
            }
        }

        private YNode mapping(MappingNode mapping, int depth, String path) {
            checkTag(mapping, Tag.MAP, path);
            Map<String, YNode> entries = new LinkedHashMap<>();
            Map<String, YNode.Origin> keys = new LinkedHashMap<>();
            List<Node> merges = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    problems.error(origin(keyNode), path, "keys must be plain strings, not " + describe(keyNode));
                    continue;
                }
                if (keyScalar.getTag().equals(Tag.MERGE)) {
                    merges.add(tuple.getValueNode());
                    continue;
                }
                String key = keyScalar.getValue();
                String child = path.isEmpty() ? key : path + "." + key;
                if (entries.containsKey(key)) {
                    problems.error(origin(keyNode), child, "duplicate key '" + key + "' (first written at line "
                            + keys.get(key).line() + ")");
                    continue;
                }
                keys.put(key, origin(keyNode));
                entries.put(key, convert(tuple.getValueNode(), depth + 1, child));
            }
            for (Node merge : merges) {
                List<Node> sources = merge instanceof SequenceNode seq ? seq.getValue() : List.of(merge);
                for (Node source : sources) {
                    if (!(source instanceof MappingNode)) {
                        problems.error(origin(source), path, "a merge key ('<<') must refer to a mapping");
                        continue;
                    }
                    YNode.YMap merged = (YNode.YMap) convert(source, depth, path);
                    merged.entries().forEach((key, value) -> {
                        if (!entries.containsKey(key)) {
                            entries.put(key, value);
                            keys.put(key, merged.keyOrigin(key));
                        }
                    });
                }
            }
            return new YNode.YMap(entries, keys, origin(mapping));
        }

        private YNode scalar(ScalarNode scalar, String path) {
            Tag tag = scalar.getTag();
            String text = scalar.getValue();
            boolean quoted = scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN;
            YNode.Origin at = origin(scalar);
            if (!SCALAR_TAGS.contains(tag)) {
                problems.error(at, path, "the tag '" + tag.getValue() + "' is not allowed (only plain YAML values)");
                return new YNode.YScalar(text, text, true, at);
            }
            Object value;
            if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
                value = text;
            } else if (tag.equals(Tag.NULL)) {
                value = null;
            } else if (tag.equals(Tag.BOOL)) {
                value = parseBool(text);
            } else if (tag.equals(Tag.INT)) {
                value = parseInt(text);
                if (value == null) {
                    problems.error(at, path, "the number " + abbreviate(text) + " is out of range");
                    value = text;
                }
            } else {
                value = parseFloat(text);
            }
            return new YNode.YScalar(value, text, quoted, at);
        }
    }

    private static String describe(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            default -> "a value";
        };
    }

    private static String abbreviate(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "..." : text;
    }

    private static Boolean parseBool(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "y" -> Boolean.TRUE;
            default -> Boolean.FALSE;
        };
    }

    /** YAML 1.1 integers as SnakeYAML resolves them: signs, underscores, 0x, 0o, 0b, leading-zero octal. */
    static Long parseInt(String text) {
        String t = text.replace("_", "");
        int sign = 1;
        if (t.startsWith("-")) {
            sign = -1;
            t = t.substring(1);
        } else if (t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            if (t.contains(":")) {
                long value = 0;
                for (String part : t.split(":")) {
                    value = Math.addExact(Math.multiplyExact(value, 60), Long.parseLong(part));
                }
                return sign * value;
            }
            int radix = 10;
            if (t.startsWith("0x")) {
                radix = 16;
                t = t.substring(2);
            } else if (t.startsWith("0o")) {
                radix = 8;
                t = t.substring(2);
            } else if (t.startsWith("0b")) {
                radix = 2;
                t = t.substring(2);
            } else if (t.length() > 1 && t.startsWith("0")) {
                radix = 8;
                t = t.substring(1);
            }
            return sign * Long.parseLong(t, radix);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static Double parseFloat(String text) {
        String t = text.replace("_", "").toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    yield Double.NaN;
                }
            }
        };
    }

}
