package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The dashboard in headless Chromium against a real server: one operator's session, step by step (the steps build on
 * each other, hence the order), then a viewer's. Every step ends with no error in the browser console, and saves a
 * screenshot of the page under {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    private DashboardServer server;
    private Browser b;
    private Http http;
    private String completedId;
    private String approvalId;
    private String failedId;
    private String cancelledId;

    @BeforeAll
    void start() {
        b = Browser.start();
        server = new DashboardServer();
        http = new Http(server.server.uri());
    }

    @AfterEach
    void consoleIsClean() {
        b.assertNoConsoleErrors();
    }

    @AfterAll
    void stop() {
        if (b != null) {
            b.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void go(String hash) {
        b.open(server.url() + hash);
    }

    /** Starts a workflow from the Instances page's form; returns the new instance's id once its page shows. */
    private String startFromTheForm(String workflowId, String reference, String data) {
        go("#/instances");
        b.click("#show-start");
        b.select("#start-workflow", workflowId);
        b.type("#start-reference", reference);
        b.type("#start-data", data);
        b.click("#start-submit");
        String id = b.until(d -> {
            String url = d.getCurrentUrl();
            int at = url.indexOf("#/instances/");
            return at < 0 ? null : url.substring(at + "#/instances/".length());
        });
        b.text("#instance-id", id);
        return id;
    }

    private String status() {
        return b.find("#instance-status").getText();
    }

    private Map<String, String> graphStates() {
        @SuppressWarnings("unchecked")
        Map<String, String> states = (Map<String, String>) b.script("""
                const out = {};
                for (const g of document.querySelectorAll('#instance-graph g.node')) out[g.querySelector('text').textContent] = g.dataset.state;
                return out;""");
        return states;
    }

    @Test
    @Order(1)
    void without_credentials_only_the_sign_in_form_shows() {
        go("#/instances");
        b.find("#login-form");
        assertThat(b.focused()).isEqualTo("credential");
        assertThat(b.find("label[for=credential]").getText()).isEqualTo("API key or token");
        assertThat(b.all("#nav").get(0).isDisplayed()).isFalse();
        assertThat(b.all("#session").get(0).isDisplayed()).isFalse();
        assertThat(b.all("table")).isEmpty();
        // the page holds no data of its own; the API it would call refuses anonymous callers
        assertThat(http.get("/workflow/instances").send().status()).isEqualTo(401);
        b.screenshot("01-sign-in");
    }

    @Test
    @Order(2)
    void signs_in_with_an_api_key_and_lands_where_it_was_going() {
        b.type("#credential", DashboardServer.ADMIN_KEY);
        b.find("#credential").sendKeys(Keys.ENTER);
        b.text("h1", "Instances");
        assertThat(b.find("#who").getText()).contains("ada", "admin", "all namespaces");
        assertThat(b.all("#nav a").stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList())
                .containsExactly("Overview", "Instances", "Definitions", "Schedules", "Audit", "Security events");
        assertThat(b.script("return sessionStorage.getItem('reactory.credential') !== null")).isEqualTo(true);
        assertThat(b.script("return localStorage.length")).isEqualTo(0L);
    }

    @Test
    @Order(3)
    void starts_a_workflow_and_watches_it_complete() {
        completedId = startFromTheForm("greeting", "ORDER-1", "{\"orderId\": \"ORDER-1\", \"customer\": \"Dana\"}");
        b.text("#instance-status", "COMPLETED");
        b.text("#instance-data", "Hello, Dana");
        assertThat(graphStates()).containsEntry("prepare", "done").containsEntry("greet", "done")
                .containsEntry("start", "done").containsEntry("end", "done");
        assertThat(b.all("#timeline tbody tr")).hasSize(2);
        assertThat(b.find("#timeline").getText()).contains("prepare", "greet", "COMPLETE");
        // nothing left to control on a completed instance
        assertThat(b.all("#controls button").stream().filter(WebElement::isEnabled).toList()).isEmpty();
        b.screenshot("02-instance-completed");
    }

    @Test
    @Order(4)
    void pauses_and_resumes_an_instance_waiting_for_an_event() {
        approvalId = startFromTheForm("approval", "ORDER-2", "{\"orderId\": \"ORDER-2\"}");
        b.until(d -> "active".equals(graphStates().get("waitFor-approved")));
        assertThat(status()).isEqualTo("RUNNING");
        assertThat(b.find("#timeline").getText()).contains("waiting for approved");
        b.click("#action-pause");
        b.text("#instance-status", "PAUSED");
        b.until(d -> graphStates().containsValue("paused"));
        assertThat(b.find("#action-pause").isEnabled()).isFalse();
        b.screenshot("03-instance-paused");
        b.click("#action-resume");
        b.text("#instance-status", "RUNNING");
        // the event the instance waits for arrives; it completes
        assertThat(http.post("/workflow/events", "{\"name\": \"approved\", \"key\": \"ORDER-2\"}")
                .bearer(DashboardServer.ADMIN_KEY).send().status()).isEqualTo(202);
        b.text("#instance-status", "COMPLETED");
        b.text("#instance-data", "\"shipped\": true");
    }

    @Test
    @Order(5)
    void shows_a_failed_instances_error_and_retries_it() {
        failedId = startFromTheForm("flaky-payment", "ORDER-3", "{\"orderId\": \"ORDER-3\"}");
        b.text("#instance-status", "FAILED");
        assertThat(b.find("#failure-step").getText()).isEqualTo("charge-card");
        assertThat(b.find("#failure-message").getText()).contains(DashboardServer.FAILURE);
        assertThat(graphStates()).containsEntry("reserve", "done").containsEntry("charge-card", "failed")
                .containsEntry("send-receipt", "none");
        assertThat(b.find("#timeline").getText()).contains(DashboardServer.FAILURE);
        assertThat(b.find("#action-retry").isEnabled()).isTrue();
        b.screenshot("04-instance-failed");
        b.click("#action-retry");
        b.text("#instance-status", "COMPLETED");
        assertThat(graphStates()).containsEntry("charge-card", "done").containsEntry("send-receipt", "done");
        assertThat(b.all("#failure").get(0).isDisplayed()).isFalse();
    }

    @Test
    @Order(6)
    void lists_filters_and_counts_instances() {
        go("#/instances");
        b.text("#count-COMPLETED", "3");
        assertThat(b.all("#instance-results tbody tr")).hasSize(3);
        b.select("#filter-workflow", "flaky-payment");
        b.click("#apply-filters");
        b.until(d -> b.all("#instance-results tbody tr").size() == 1);
        assertThat(b.find("#instance-results").getText()).contains(failedId, "flaky-payment", "ORDER-3");
        assertThat(b.driver.getCurrentUrl()).contains("workflowId=flaky-payment");
        b.click("#clear-filters");
        b.until(d -> b.all("#instance-results tbody tr").size() == 3);
        b.type("#filter-reference", "ORDER-2");
        b.click("#apply-filters");
        b.until(d -> b.all("#instance-results tbody tr").size() == 1 && b.find("#instance-results").getText().contains(approvalId));
        b.click("#clear-filters");
        // the counters filter by status
        b.click("button.counter[data-status=COMPLETED]");
        b.until(d -> "true".equals(b.find("button.counter[data-status=COMPLETED]").getAttribute("aria-pressed")));
        assertThat(b.find("#filter-status").getAttribute("value")).isEqualTo("COMPLETED");
        // a new instance shows up without reloading the page; what it carries is shown as text, never as markup
        String reference = "LIVE <img src=x onerror=\\\"window.pwned=1\\\">";
        assertThat(http.post("/workflow/start/greeting", "{\"reference\": \"" + reference + "\"}")
                .bearer(DashboardServer.ADMIN_KEY).send().status()).isEqualTo(201);
        b.text("#count-COMPLETED", "4");
        b.text("#instance-results", "LIVE <img src=x onerror=\"window.pwned=1\">");
        assertThat(b.all("#instance-results img")).isEmpty();
        assertThat(b.script("return window.pwned === undefined")).isEqualTo(true);
        b.screenshot("05-instances");
    }

    @Test
    @Order(7)
    void cancels_an_instance_after_asking_first() {
        cancelledId = startFromTheForm("approval", "ORDER-4", "{\"orderId\": \"ORDER-4\"}");
        b.until(d -> "active".equals(graphStates().get("waitFor-approved")));
        b.click("#action-cancel");
        // nothing happens before the confirmation; keeping it changes nothing
        b.find("#confirm-keep");
        assertThat(b.focused()).isEqualTo("confirm-cancel");
        b.click("#confirm-keep");
        assertThat(status()).isEqualTo("RUNNING");
        assertThat(b.focused()).isEqualTo("action-cancel");
        b.click("#action-cancel");
        b.click("#confirm-cancel");
        b.text("#instance-status", "CANCELLED");
        assertThat(b.all("#controls button").stream().filter(WebElement::isEnabled).toList()).isEmpty();
    }

    @Test
    @Order(8)
    void shows_every_definition_with_its_graph_steps_and_configuration() {
        go("#/definitions");
        b.find("nav[aria-label=Workflows] a[aria-current=true]");
        List<String> links = b.all("nav[aria-label=Workflows] a").stream().map(a -> a.getAttribute("href")).toList();
        assertThat(links).hasSizeGreaterThanOrEqualTo(10);
        for (String link : links) {
            b.open(link);
            String id = link.substring(link.indexOf("#/definitions/") + "#/definitions/".length());
            b.text("#definition-heading", id);
            long steps = b.all("#definition-detail table tbody tr").size();
            Number nodes = (Number) b.script("return document.querySelectorAll('#definition-graph g.node').length");
            // every step is a node, plus start and finish (and a join per parallel)
            assertThat(nodes.longValue()).as(id).isGreaterThanOrEqualTo(steps + 2);
            Number edges = (Number) b.script("return document.querySelectorAll('#definition-graph path.edge').length");
            assertThat(edges.longValue()).as(id).isGreaterThanOrEqualTo(steps + 1);
            b.screenshot("06-definition-" + id);
        }
        go("#/definitions/data-processing");
        b.text("#config-yaml", "nameSpace: etl");
        assertThat(b.find("#config-yaml").getText()).contains("id: data-processing", "maxRetries: 3", "- data:read");
        b.screenshot("06-definitions");
    }

    @Test
    @Order(9)
    void creates_a_schedule_refusing_an_invalid_cron_then_accepting_a_valid_one() {
        go("#/schedules");
        b.text("#schedule-results", "daily-reports");
        b.click("#new-schedule");
        b.text("h1", "New schedule");
        b.type("#schedule-id", "nightly-greeting");
        b.type("#schedule-name", "Nightly greeting");
        b.select("#schedule-workflow", "greeting");
        b.type("#schedule-cron", "61 2 * * *");
        b.type("#schedule-timezone", "Europe/London");
        b.text("#cron-problem", "minute");
        assertThat(b.find("#schedule-cron").getAttribute("aria-invalid")).isEqualTo("true");
        b.click("#schedule-save");
        b.text("#schedule-form-problem", "minute");
        assertThat(b.focused()).isEqualTo("schedule-cron");
        assertThat(http.get("/workflow/schedules/nightly-greeting").bearer(DashboardServer.ADMIN_KEY).send().status())
                .isEqualTo(404);
        b.screenshot("07-schedule-invalid-cron");

        b.type("#schedule-cron", "30 2 * * *");
        b.until(d -> b.all("#preview-times li").size() == 5);
        assertThat(b.find("#schedule-cron").getAttribute("aria-invalid")).isEqualTo("false");
        assertThat(b.find("#cron-preview").getText()).contains("Europe/London", "02:30:00");
        b.screenshot("08-schedule-preview");
        b.click("#schedule-save");
        b.text("h1", "Schedules");
        b.text("#schedule-results", "nightly-greeting");
        assertThat(http.get("/workflow/schedules/nightly-greeting").bearer(DashboardServer.ADMIN_KEY).send().json()
                .path("schedule").path("cron").asText()).isEqualTo("30 2 * * *");
        b.click("#pause-nightly-greeting");
        b.text(".schedule-state[data-schedule=nightly-greeting]", "PAUSED");
        b.click("#resume-nightly-greeting");
        b.text(".schedule-state[data-schedule=nightly-greeting]", "ACTIVE");
        b.screenshot("09-schedules");
    }

    @Test
    @Order(10)
    void the_audit_log_has_an_entry_for_each_action_and_its_chain_is_intact() {
        go("#/audit");
        b.text("#chain-status", "Chain intact");
        record Expected(String target, String action) {}
        // a start is about the workflow; the entry's detail names the instance it created
        b.type("#audit-target", "workflow/greeting");
        b.type("#audit-action", "workflow.start");
        b.click("#audit-apply");
        b.until(d -> b.all("#audit-results tbody tr[data-seq]").size() == 2); // one from the form, one over the API
        assertThat(b.find("#audit-results").getText()).contains("instance/" + completedId);
        for (Expected e : List.of(new Expected("workflow/flaky-payment", "workflow.start"),
                new Expected("instance/" + approvalId, "instance.pause"),
                new Expected("instance/" + approvalId, "instance.resume"),
                new Expected("instance/" + failedId, "instance.retry"),
                new Expected("instance/" + cancelledId, "instance.cancel"),
                new Expected("schedule/nightly-greeting", "schedule.create"),
                new Expected("schedule/nightly-greeting", "schedule.pause"),
                new Expected("schedule/nightly-greeting", "schedule.resume"))) {
            b.type("#audit-target", e.target());
            b.type("#audit-action", e.action());
            b.click("#audit-apply");
            b.until(d -> {
                List<WebElement> rows = b.all("#audit-results tbody tr[data-seq]");
                return rows.size() == 1 && e.action().equals(rows.get(0).getAttribute("data-action"))
                        && e.target().equals(rows.get(0).getAttribute("data-target"));
            });
            assertThat(b.find("#audit-results tbody tr[data-seq]").getAttribute("data-outcome")).isEqualTo("SUCCESS");
            assertThat(b.find("#audit-results tbody tr[data-seq]").getText()).contains("ada");
        }
        b.click("#audit-clear");
        b.until(d -> b.all("#audit-results tbody tr[data-seq]").size() >= 8);
        b.type("#audit-search", "nightly-greeting");
        b.until(d -> b.all("#audit-results tbody tr[data-seq]").stream().filter(WebElement::isDisplayed).count() == 3);
        b.find("#audit-search").clear();
        b.screenshot("10-audit");
    }

    @Test
    @Order(11)
    void security_events_list_refused_credentials() {
        assertThat(http.get("/workflow/instances").bearer("rk_not_a_real_key_but_long_enough_to_look_like_one").send().status())
                .isEqualTo(401);
        go("#/security");
        b.text("#security-results", "AUTHENTICATION FAILED");
        b.select("#security-type", "AUTHENTICATION_FAILED");
        b.click("#security-apply");
        b.until(d -> b.all("#security-results tbody tr").size() == 1);
        b.screenshot("11-security-events");
    }

    @Test
    @Order(12)
    void the_overview_charts_throughput_failure_rate_queue_depth_and_breakers() {
        go("#/overview");
        b.text("#overview-COMPLETED", "4");
        for (String chart : List.of("#chart-throughput", "#chart-failure-rate", "#chart-queue", "#chart-breakers")) {
            b.find(chart);
        }
        b.until(d -> !b.all("#chart-throughput path.line").isEmpty());
        assertThat(b.find("#chart-throughput-summary").getText()).contains("completed: now");
        b.text("#chart-breakers-summary", "payment-gateway closed");
        assertThat(b.all("#chart-breakers rect.band.closed")).isNotEmpty();
        b.screenshot("12-overview");
    }

    @Test
    @Order(13)
    void the_keyboard_reaches_everything_in_order_and_every_control_has_a_name() {
        go("#/overview");
        b.text("h1", "Overview");
        // the skip link comes first, then the brand, the navigation, the session, then the page
        b.script("document.querySelector('.skip-link').focus()");
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            new Actions(b.driver).sendKeys(Keys.TAB).perform();
            order.add((String) b.script("return document.activeElement.textContent.trim() || document.activeElement.id"));
        }
        assertThat(order).containsExactly("Reactory", "Overview", "Instances", "Definitions", "Schedules", "Audit",
                "Security events", "Sign out", order.get(8));
        assertThat(order.get(8)).isNotBlank();
        b.script("document.querySelector('.skip-link').focus()");
        new Actions(b.driver).sendKeys(Keys.ENTER).perform();
        assertThat(b.focused()).isEqualTo("main");
        // from the instance list to an instance and its controls, by keyboard only
        go("#/instances/" + approvalId);
        b.text("#instance-status", "COMPLETED");
        go("#/instances");
        b.text("#instance-results", approvalId);
        WebElement link = b.find("#instance-results a[href$='" + approvalId + "']");
        b.script("arguments[0].focus()", link);
        // the list refreshes when an instance is added; the keyboard stays where it was
        assertThat(http.post("/workflow/start/greeting", "{\"reference\": \"WHILE-FOCUSED\"}")
                .bearer(DashboardServer.ADMIN_KEY).send().status()).isEqualTo(201);
        b.text("#instance-results", "WHILE-FOCUSED");
        assertThat((String) b.script("return document.activeElement.getAttribute('href')")).endsWith(approvalId);
        link = b.find("#instance-results a[href$='" + approvalId + "']");
        link.sendKeys(Keys.ENTER);
        b.text("#instance-id", approvalId);
        assertThat((String) b.script("return document.activeElement.tagName")).isEqualTo("H1");
        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) b.script("""
                const out = [];
                for (const page of [document]) {
                  for (const el of page.querySelectorAll('button, a[href], input, select, textarea')) {
                    if (el.closest('[hidden]')) continue;
                    const label = el.getAttribute('aria-label') || el.textContent.trim() || (el.labels && el.labels.length && el.labels[0].textContent.trim()) || el.getAttribute('title');
                    if (!label) out.push(el.outerHTML.slice(0, 120));
                  }
                  for (const el of page.querySelectorAll('[onclick], div[tabindex], span[tabindex]')) out.push('clickable non-control: ' + el.outerHTML.slice(0, 120));
                }
                return out;""");
        assertThat(unnamed).isEmpty();
        for (String hash : List.of("#/overview", "#/definitions", "#/schedules/new", "#/audit", "#/security")) {
            go(hash);
            b.find("h1");
            @SuppressWarnings("unchecked")
            List<String> inputsWithoutLabels = (List<String>) b.script("""
                    return [...document.querySelectorAll('input, select, textarea')]
                      .filter(el => !el.closest('[hidden]') && !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
                      .map(el => el.id || el.name);""");
            assertThat(inputsWithoutLabels).as(hash).isEmpty();
        }
    }

    @Test
    @Order(14)
    void a_viewer_reads_instances_but_cannot_control_them_or_open_admin_pages() {
        b.click("#logout");
        b.find("#login-form");
        assertThat(b.script("return sessionStorage.getItem('reactory.credential')")).isNull();
        b.type("#credential", DashboardServer.VIEWER_KEY);
        b.click("#sign-in");
        b.text("#who", "vera");
        assertThat(b.all("#nav a").stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList())
                .containsExactly("Overview", "Instances", "Definitions");
        go("#/instances/" + failedId);
        b.text("#instance-status", "COMPLETED");
        b.find("#read-only");
        assertThat(b.all("#controls button")).isEmpty();
        go("#/schedules");
        b.text("h1", "Not allowed");
        go("#/overview");
        b.text("#overview-charts", "metrics:read");
        b.screenshot("13-viewer-overview");
    }
}
