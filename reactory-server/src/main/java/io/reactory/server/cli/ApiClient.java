package io.reactory.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The client commands' HTTP: sends one request, prints the JSON answer or the problem, returns the exit code. */
final class ApiClient {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int UNREACHABLE = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientOptions options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ApiClient(ClientOptions options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    int send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(options.server.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        String credential = options.credential();
        if (credential != null) {
            b.header("Authorization", "Bearer " + credential);
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response;
        try {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("error: cannot reach " + options.server + " (" + e.getClass().getSimpleName() + ")");
            err.flush();
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
        return print(response);
    }

    private int print(HttpResponse<String> response) {
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        if (response.statusCode() < 400) {
            try {
                out.println(json == null ? response.body() : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            } catch (IOException e) {
                out.println(response.body());
            }
            out.flush();
            return OK;
        }
        String type = json == null ? "" : json.path("type").asText("").replace("urn:reactory:problem:", "");
        String detail = json == null ? response.body() : json.path("detail").asText(json.path("title").asText(""));
        err.println("error " + response.statusCode() + (type.isEmpty() ? "" : " " + type) + ": " + detail);
        err.flush();
        return REFUSED;
    }
}
