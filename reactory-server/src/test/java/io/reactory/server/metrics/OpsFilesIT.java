package io.reactory.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.reactory.workflow.metrics.ReactoryMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code ops/}: both parse, their queries are well formed,
 * every metric they reference exists in a real scrape (after the {@link ScriptedRun}), and the dashboard shows every
 * meter of the catalogue.
 */
class OpsFilesIT {
    private static final Path DASHBOARD = Path.of("..", "ops", "grafana", "reactory-dashboard.json");
    private static final Path RULES = Path.of("..", "ops", "prometheus", "reactory-alerts.yml");
    /** Metric names in PromQL: ours and Micrometer's JVM and process families. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:reactory|jvm|process|system)_[a-z0-9_]+)\\b");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static ScriptedRun run;

    @BeforeAll
    static void scriptedRun() throws Exception {
        run = new ScriptedRun();
    }

    @AfterAll
    static void stop() throws Exception {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void the_dashboard_parses_and_every_metric_it_queries_is_in_a_scrape() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        assertThat(dashboard.path("title").asText()).isEqualTo("Reactory");
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        List<String> expressions = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            }
            panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText()));
        }
        dashboard.path("templating").path("list").forEach(v -> {
            if (v.path("type").asText().equals("query")) {
                expressions.add(v.path("definition").asText());
            }
        });
        assertThat(expressions).hasSizeGreaterThan(25);
        Set<String> referenced = referencedMetrics(expressions);
        assertThat(run.scrape.names()).containsAll(referenced);

        // the dashboard shows every meter of the catalogue
        Set<String> families = new TreeSet<>();
        referenced.forEach(name -> families.add(name.replaceAll("_seconds_(bucket|count|sum|max)$", "_seconds")));
        for (ReactoryMetrics.Definition d : ReactoryMetrics.all()) {
            assertThat(families).as(d.name() + " is on the dashboard").contains(d.prometheusName());
        }
    }

    @Test
    void the_alert_rules_parse_and_every_metric_they_query_is_in_a_scrape() throws Exception {
        JsonNode rules = new YAMLMapper().readTree(Files.readString(RULES));
        List<String> expressions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode group : rules.path("groups")) {
            assertThat(group.path("name").asText()).isNotBlank();
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertThat(alert).matches("Reactory[A-Za-z]+");
                assertThat(names.add(alert)).as(alert + " is defined once").isTrue();
                assertThat(rule.path("labels").path("severity").asText()).isIn("info", "warning", "critical");
                assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
                if (rule.has("for")) {
                    assertThat(rule.path("for").asText()).matches("\\d+[smh]");
                }
                expressions.add(rule.path("expr").asText());
            }
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(15);
        assertThat(run.scrape.names()).containsAll(referencedMetrics(expressions));
    }

    /** The metric names a set of PromQL expressions reads, after checking each is balanced. */
    private static Set<String> referencedMetrics(List<String> expressions) {
        Set<String> out = new TreeSet<>();
        for (String expr : expressions) {
            assertThat(balanced(expr)).as("balanced brackets: " + expr).isTrue();
            Matcher m = METRIC.matcher(LABEL_MATCHERS.matcher(expr).replaceAll("{}"));
            boolean any = false;
            while (m.find()) {
                out.add(m.group(1));
                any = true;
            }
            assertThat(any).as("reads a metric: " + expr).isTrue();
        }
        return out;
    }

    private static boolean balanced(String expr) {
        Deque stack = new Deque();
        boolean quoted = false;
        for (char c : expr.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && "({[".indexOf(c) >= 0) {
                stack.push(c);
            } else if (!quoted && ")}]".indexOf(c) >= 0) {
                char open = "({[".charAt(")}]".indexOf(c));
                if (stack.isEmpty() || stack.pop() != open) {
                    return false;
                }
            }
        }
        return stack.isEmpty() && !quoted;
    }

    /** A small stack of characters. */
    private static final class Deque {
        private final StringBuilder chars = new StringBuilder();

        void push(char c) {
            chars.append(c);
        }

        char pop() {
            char c = chars.charAt(chars.length() - 1);
            chars.setLength(chars.length() - 1);
            return c;
        }

        boolean isEmpty() {
            return chars.length() == 0;
        }
    }
}
