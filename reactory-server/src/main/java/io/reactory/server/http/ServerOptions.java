package io.reactory.server.http;

import java.util.Objects;

/**
 * How the HTTP server listens.
 *
 * @param host              the interface to bind ({@code 127.0.0.1} by default; {@code 0.0.0.0} for all)
 * @param port              the port, 0 for any free one
 * @param maxBodyBytes      largest request body accepted; larger ones get 413
 * @param trustForwardedFor take the client address from {@code X-Forwarded-For} (only behind a proxy that sets it;
 *                          otherwise clients could pick their own address for rate limits and audit)
 * @param trustedProxies    how many proxies in front of the server append to {@code X-Forwarded-For} (1 to 32): the
 *                          client address is that many entries from the right, the entries to its left being the
 *                          client's own (and so not trusted)
 */
public record ServerOptions(String host, int port, long maxBodyBytes, boolean trustForwardedFor, int trustedProxies) {
    public static final int MAX_TRUSTED_PROXIES = 32;

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        if (trustedProxies < 1 || trustedProxies > MAX_TRUSTED_PROXIES) {
            throw new IllegalArgumentException("trustedProxies must be between 1 and " + MAX_TRUSTED_PROXIES
                    + " but was " + trustedProxies);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
        }
        if (maxBodyBytes < 1024 || maxBodyBytes > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 KiB and 64 MiB but was " + maxBodyBytes);
        }
    }

    /** 127.0.0.1:8080, 1 MiB bodies, client address from the connection (one proxy, when forwarding is trusted). */
    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", 8080, 1024 * 1024, false, 1);
    }

    public ServerOptions withHost(String value) {
        return new ServerOptions(value, port, maxBodyBytes, trustForwardedFor, trustedProxies);
    }

    public ServerOptions withPort(int value) {
        return new ServerOptions(host, value, maxBodyBytes, trustForwardedFor, trustedProxies);
    }

    public ServerOptions withMaxBodyBytes(long value) {
        return new ServerOptions(host, port, value, trustForwardedFor, trustedProxies);
    }

    public ServerOptions withTrustForwardedFor(boolean value) {
        return new ServerOptions(host, port, maxBodyBytes, value, trustedProxies);
    }

    public ServerOptions withTrustedProxies(int value) {
        return new ServerOptions(host, port, maxBodyBytes, trustForwardedFor, value);
    }
}
