package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedForTest {
    @Test
    void behind_one_proxy_the_client_address_is_the_right_most_entry_whatever_the_client_put_before_it() {
        assertThat(ForwardedFor.clientAddress(List.of("203.0.113.7"), 1)).isEqualTo("203.0.113.7");
        assertThat(ForwardedFor.clientAddress(List.of("1.1.1.1, 2.2.2.2, 203.0.113.7"), 1)).isEqualTo("203.0.113.7");
        assertThat(ForwardedFor.clientAddress(List.of("forged,203.0.113.7"), 1)).isEqualTo("203.0.113.7");
    }

    @Test
    void a_header_line_the_client_sent_before_the_proxys_own_line_is_not_taken() {
        assertThat(ForwardedFor.clientAddress(List.of("198.51.100.1", "203.0.113.7"), 1)).isEqualTo("203.0.113.7");
    }

    @Test
    void behind_several_proxies_the_entry_the_outermost_one_added_is_taken() {
        // client → CDN (adds the client) → balancer (adds the CDN) → server
        assertThat(ForwardedFor.clientAddress(List.of("forged, 203.0.113.7, 10.0.0.2"), 2)).isEqualTo("203.0.113.7");
        // fewer entries than proxies: all were written by trusted proxies, the left-most is the earliest known
        assertThat(ForwardedFor.clientAddress(List.of("203.0.113.7"), 2)).isEqualTo("203.0.113.7");
    }

    @Test
    void an_absent_or_empty_header_gives_no_address_and_empty_entries_do_not_count() {
        assertThat(ForwardedFor.clientAddress(List.of(), 1)).isNull();
        assertThat(ForwardedFor.clientAddress(List.of(" , "), 1)).isNull();
        assertThat(ForwardedFor.clientAddress(List.of("203.0.113.7, ,"), 1)).isEqualTo("203.0.113.7");
        assertThat(ForwardedFor.clientAddress(List.of("x".repeat(500)), 1)).startsWith("xxx").hasSizeLessThan(110);
    }
}
