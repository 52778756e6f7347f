package io.reactory.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A small black-box HTTP client for the tests (java.net.http). */
public final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public Http(URI base) {
        this.base = base;
    }

    public Request get(String path) {
        return new Request("GET", path, (byte[]) null);
    }

    public Request post(String path, String body) {
        return new Request("POST", path, body);
    }

    public Request put(String path, String body) {
        return new Request("PUT", path, body);
    }

    /** A POST whose body is streamed without a Content-Length (chunked). */
    public Request chunked(String path, byte[] body) {
        Request r = new Request("POST", path, body);
        r.chunked = true;
        return r;
    }

    /** Any method with raw bytes as body. */
    public Request raw(String method, String path, byte[] body) {
        return new Request(method, path, body);
    }

    public Request delete(String path) {
        return new Request("DELETE", path, (byte[]) null);
    }

    /** A request being built; {@link #send()} sends it. */
    public final class Request {
        private final String method;
        private final String path;
        private final byte[] body;
        private final List<String> headers = new ArrayList<>();
        private boolean json = true;
        private boolean chunked;

        Request(String method, String path, String body) {
            this.method = method;
            this.path = path;
            this.body = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        }

        Request(String method, String path, byte[] body) {
            this.method = method;
            this.path = path;
            this.body = body;
        }

        public Request bearer(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        public Request header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        public Request noJsonContentType() {
            json = false;
            return this;
        }

        public Response send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
            if (json && body != null && !headers.contains("Content-Type")) {
                b.header("Content-Type", "application/json");
            }
            for (int i = 0; i < headers.size(); i += 2) {
                b.header(headers.get(i), headers.get(i + 1));
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpRequest request = b.build();
            try {
                HttpResponse<byte[]> r;
                try {
                    r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException e) {
                    // A pooled keep-alive connection the server closed a moment ago (Jetty closes it after its own
                    // 400s, e.g. a NUL in the path) fails before any byte arrives: the request never reached a
                    // handler, so sending it again on a fresh connection is safe whatever the method.
                    boolean staleConnection = String.valueOf(e.getMessage()).contains("received no bytes");
                    if (!staleConnection) {
                        throw e;
                    }
                    r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                }
                return new Response(r.statusCode(), r, new String(r.body(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A response with its body as text and, when it is JSON, as a tree. */
    public record Response(int status, HttpResponse<byte[]> raw, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        /** The problem type slug of an error response. */
        public String problem() {
            String type = json().path("type").asText();
            return type.startsWith("urn:reactory:problem:") ? type.substring("urn:reactory:problem:".length()) : type;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
