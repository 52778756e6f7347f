package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's files: served from the jar at /ui/, locked down by headers, holding no data. */
class DashboardAssetsIT {
    private static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static HttpResponse<String> raw(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        return client.send(HttpRequest.newBuilder(URI.create(t.server.uri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void ui_without_a_slash_redirects_to_the_page() throws Exception {
        HttpResponse<String> r = raw("/ui");
        assertThat(r.statusCode()).isBetween(301, 308);
        assertThat(r.headers().firstValue("Location")).hasValue("/ui/");
    }

    @Test
    void the_page_is_served_without_credentials_with_a_strict_content_security_policy() throws Exception {
        HttpResponse<String> r = raw("/ui/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("<html");
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void scripts_and_styles_have_their_types_and_nothing_outside_the_dashboard_folder_is_served() throws Exception {
        assertThat(raw("/ui/js/app.js").headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(raw("/ui/app.css").headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        for (String path : new String[] {"/ui/../openapi.yaml", "/ui/%2e%2e/openapi.yaml", "/ui/..%2fopenapi.yaml",
                "/ui/logback.xml", "/ui/io/reactory/server/Main.class", "/ui/no-such-file.js"}) {
            HttpResponse<String> r = raw(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("openapi: 3", "<configuration", "CAFEBABE");
        }
    }

    @Test
    void the_files_reference_nothing_outside_this_server() throws Exception {
        for (String path : new String[] {"/ui/", "/ui/js/app.js", "/ui/app.css"}) {
            assertThat(raw(path).body()).as(path).doesNotContainPattern("(src|href)=\"(https?:)?//")
                    .doesNotContain("url(http", "@import url(\"http", "fonts.googleapis", "cdn.");
        }
    }

    @Test
    void the_api_behind_the_page_still_needs_credentials() throws Exception {
        for (String path : new String[] {"/workflow/me", "/workflow/instances", "/workflow/instances/counts",
                "/workflow/metrics/series", "/workflow/schedules", "/workflow/audit", "/workflow/cron/preview?cron=*"}) {
            assertThat(raw(path).statusCode()).as(path).isEqualTo(401);
        }
    }
}
