package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document against the routes the server really has and the statuses they really answer. */
class OpenApiContractIT {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static TestServer t;
    private static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer();
        Http.Response served = t.http.get("/workflow/openapi.yaml").send();
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("application/yaml");
        doc = new YAMLMapper().readTree(served.body());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static List<String[]> operations() {
        List<String[]> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (METHODS.contains(method)) {
                    ops.add(new String[] {method.toUpperCase(), path.getKey()});
                }
            }
        }
        return ops;
    }

    @Test
    void documents_exactly_the_routes_the_server_has() {
        Set<String> documented = new TreeSet<>();
        operations().forEach(op -> documented.add(op[0] + " " + op[1]));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(t.server.routes());
    }

    @Test
    void declares_every_path_parameter_and_resolves_every_reference() {
        for (String[] op : operations()) {
            JsonNode path = doc.path("paths").path(op[1]);
            Set<String> declared = new TreeSet<>();
            for (JsonNode p : concat(path.path("parameters"), path.path(op[0].toLowerCase()).path("parameters"))) {
                JsonNode param = p.has("$ref") ? resolve(p.get("$ref").asText()) : p;
                if (param.path("in").asText().equals("path")) {
                    declared.add(param.path("name").asText());
                }
            }
            Set<String> inTemplate = new TreeSet<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(op[1]);
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            assertThat(declared).as(op[0] + " " + op[1]).isEqualTo(inTemplate);
        }
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(resolve(ref).isMissingNode()).as(ref).isFalse());
    }

    @Test
    void every_protected_operation_documents_401_and_429_and_every_body_documents_its_errors() {
        for (String[] op : operations()) {
            JsonNode operation = doc.path("paths").path(op[1]).path(op[0].toLowerCase());
            JsonNode responses = operation.path("responses");
            boolean open = operation.has("security") && operation.get("security").isEmpty();
            if (!open) {
                assertThat(responses.has("401")).as(op[0] + " " + op[1] + " documents 401").isTrue();
                assertThat(responses.has("429")).as(op[0] + " " + op[1] + " documents 429").isTrue();
            }
            if (operation.has("requestBody")) {
                for (String status : List.of("400", "413", "415", "422")) {
                    assertThat(responses.has(status)).as(op[0] + " " + op[1] + " documents " + status).isTrue();
                }
            }
        }
    }

    @Test
    void every_operation_answers_a_status_it_documents() {
        for (String[] op : operations()) {
            String path = op[1].replaceAll("\\{[^}]+}", "does-not-exist");
            Http.Request request = switch (op[0]) {
                case "POST" -> t.http.post(path, "{}");
                case "PUT" -> t.http.put(path, "{}");
                case "DELETE" -> t.http.delete(path);
                default -> t.http.get(path);
            };
            for (String token : new String[] {t.admin, null}) {
                Http.Response response = request.bearer(token).send();
                JsonNode responses = doc.path("paths").path(op[1]).path(op[0].toLowerCase()).path("responses");
                assertThat(responses.has(Integer.toString(response.status())))
                        .as(op[0] + " " + path + " answered " + response + (token == null ? " (anonymous)" : ""))
                        .isTrue();
                assertThat(response.status()).isLessThan(500);
                request = switch (op[0]) {
                    case "POST" -> t.http.post(path, "{}");
                    case "PUT" -> t.http.put(path, "{}");
                    case "DELETE" -> t.http.delete(path);
                    default -> t.http.get(path);
                };
            }
        }
    }

    private static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> all = new ArrayList<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return all;
    }

    private static JsonNode resolve(String ref) {
        assertThat(ref).startsWith("#/");
        JsonNode node = doc;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        return node;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }
}
