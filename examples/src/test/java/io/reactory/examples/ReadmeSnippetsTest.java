package io.reactory.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every code block in README.md that follows a {@code <!-- snippet: path#tag -->} marker must equal the tagged
 * region of that (compiled) source file, so the README's examples cannot drift from code that builds.
 */
class ReadmeSnippetsTest {
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\s*```java\\n(.*?)```",
            Pattern.DOTALL);

    @Test
    void readme_snippets_match_compiled_sources() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String readme = Files.readString(root.resolve("README.md"));
        Matcher m = MARKER.matcher(readme);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String region = region(Files.readString(root.resolve(m.group(1))), m.group(2));
            assertThat(dedent(m.group(3))).as("README snippet %s#%s", m.group(1), m.group(2)).isEqualTo(dedent(region));
            checked.add(m.group(2));
        }
        assertThat(checked).contains("simple", "parallel", "conditional", "loop", "order", "runner", "testkit",
                "configuration", "scheduler", "schedule-testkit", "observability", "lifecycle", "durable");
    }

    private static String region(String source, String tag) {
        int start = source.indexOf("// tag::" + tag + "[]");
        int end = source.indexOf("// end::" + tag + "[]");
        assertThat(start).as("tag %s", tag).isNotNegative();
        assertThat(end).as("end of tag %s", tag).isGreaterThan(start);
        String body = source.substring(source.indexOf('\n', start) + 1, end);
        return body.substring(0, body.lastIndexOf('\n') + 1);
    }

    static String dedent(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString().strip();
    }
}
