package io.reactory.server.http;

import java.util.Objects;

/**
 * How the HTTP server listens.
 *
 * @param host              the interface to bind ({@code 127.0.0.1} by default; {@code 0.0.0.0} for all)
 * @param port              the port, 0 for any free one
 * @param maxBodyBytes      largest request body accepted; larger ones get 413
 * @param trustForwardedFor take the client address from the first {@code X-Forwarded-For} entry (only behind a proxy
 *                          that sets it; otherwise clients could pick their own address for rate limits and audit)
 */
public record ServerOptions(String host, int port, long maxBodyBytes, boolean trustForwardedFor) {
    public ServerOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
        }
        if (maxBodyBytes < 1024 || maxBodyBytes > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 KiB and 64 MiB but was " + maxBodyBytes);
        }
    }

    /** 127.0.0.1:8080, 1 MiB bodies, client address from the connection. */
    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", 8080, 1024 * 1024, false);
    }

    public ServerOptions withHost(String value) {
        return new ServerOptions(value, port, maxBodyBytes, trustForwardedFor);
    }

    public ServerOptions withPort(int value) {
        return new ServerOptions(host, value, maxBodyBytes, trustForwardedFor);
    }

    public ServerOptions withMaxBodyBytes(long value) {
        return new ServerOptions(host, port, value, trustForwardedFor);
    }

    public ServerOptions withTrustForwardedFor(boolean value) {
        return new ServerOptions(host, port, maxBodyBytes, value);
    }
}
