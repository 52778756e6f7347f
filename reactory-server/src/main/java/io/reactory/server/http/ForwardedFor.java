package io.reactory.server.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The client address behind trusted proxies, from {@code X-Forwarded-For}. Every proxy appends the address it
 * received the request from, so only the right-most entries were written by proxies we trust; everything to their
 * left was sent by the client and may be anything. With {@code n} trusted proxies the client's address is the
 * {@code n}-th entry from the right — never the first, which a client sets to reset its rate-limit and
 * authentication-failure budgets or to forge the audit log's source address.
 */
final class ForwardedFor {
    private static final int MAX_ADDRESS = 100;

    private ForwardedFor() {}

    /**
     * @param headerValues   every {@code X-Forwarded-For} header line, in order (a client may send its own line
     *                       before the proxy's; lines are one comma-separated list, RFC 9110 §5.3)
     * @param trustedProxies how many proxies in front of the server append to the header (≥ 1)
     * @return the address the outermost trusted proxy saw, or null when the header is absent or empty; with fewer
     *         entries than trusted proxies, the left-most (every entry was then written by a trusted proxy)
     */
    static String clientAddress(List<String> headerValues, int trustedProxies) {
        List<String> entries = new ArrayList<>();
        for (String line : headerValues) {
            if (line == null) {
                continue;
            }
            for (String entry : line.split(",")) {
                String trimmed = entry.trim();
                if (!trimmed.isEmpty()) {
                    entries.add(trimmed);
                }
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        String address = entries.get(Math.max(0, entries.size() - trustedProxies));
        return Requests.cut(address, MAX_ADDRESS);
    }
}
