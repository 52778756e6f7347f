package io.reactory.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The web dashboard: static files from the jar ({@code /dashboard/} on the class path) served at {@code /ui/}. The
 * page holds no data; everything it shows comes from the API with the credentials the user logs in with, so the
 * files themselves need none. Nothing is loaded from elsewhere, and the Content-Security-Policy says so: scripts,
 * styles and connections to this server only, no inline script, no framing.
 */
final class Dashboard {
    static final String PATH = "/ui";

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private Dashboard() {}

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            // the files change with the jar; revalidating (ETag) keeps an upgraded server's page current
            "Cache-Control", "no-cache");

    static void configure(JavalinConfig cfg) {
        byte[] index = indexPage();
        cfg.staticFiles.add(files -> {
            files.hostedPath = PATH;
            files.directory = "/dashboard";
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
        // the router ignores trailing slashes, so this route answers "/ui" and "/ui/" alike: "/ui" is sent to "/ui/"
        // (the page's relative links need the slash), "/ui/" gets the page
        cfg.routes.get(PATH, ctx -> {
            if (!ctx.path().endsWith("/")) {
                ctx.redirect(PATH + "/");
                return;
            }
            HEADERS.forEach(ctx::header);
            ctx.contentType("text/html; charset=utf-8");
            ctx.result(index);
        });
    }

    private static byte[] indexPage() {
        try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/index.html")) {
            if (in == null) {
                throw new IllegalStateException("dashboard/index.html is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
