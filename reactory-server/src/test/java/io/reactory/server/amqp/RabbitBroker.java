package io.reactory.server.amqp;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The local RabbitMQ (127.0.0.1:5672, guest/guest) for integration tests. Each test gets a virtual host of its own
 * (created and deleted with {@code rabbitmqctl}), so tests of other engineers on the same broker never see its
 * queues, and an outage can be simulated for this virtual host alone. When the broker is unreachable the test is
 * skipped — unless {@code CI} is set, where it fails.
 */
public final class RabbitBroker {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5672;

    private RabbitBroker() {}

    /** Skips (or, under CI, fails) the calling test when no broker or no {@code rabbitmqctl} is available. */
    public static void requireAvailable() {
        String problem = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 2_000);
        } catch (IOException e) {
            problem = "RabbitMQ is not reachable on " + HOST + ":" + PORT + " (" + e.getMessage()
                    + "); start it with: rabbitmq-server -detached";
        }
        if (problem == null && rabbitmqctl() == null) {
            problem = "rabbitmqctl is not installed; the AMQP tests need it to create virtual hosts";
        }
        if (problem != null) {
            if (System.getenv("CI") != null) {
                fail(problem);
            }
            Assumptions.abort(problem);
        }
    }

    /** A new virtual host that guest may use; delete it with {@link VirtualHost#close()}. */
    public static VirtualHost newVirtualHost() {
        requireAvailable();
        String name = "reactory-it-" + UUID.randomUUID().toString().substring(0, 8);
        ctl("add_vhost", name);
        ctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return new VirtualHost(name);
    }

    private static String rabbitmqctl() {
        for (String candidate : List.of("/usr/sbin/rabbitmqctl", "/usr/lib/rabbitmq/bin/rabbitmqctl", "/usr/bin/rabbitmqctl")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    /** Runs rabbitmqctl and returns its standard output; fails the test when it fails. */
    public static String ctl(String... args) {
        List<String> command = new ArrayList<>();
        command.add(rabbitmqctl());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("rabbitmqctl " + String.join(" ", args) + " did not finish within a minute");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                fail("rabbitmqctl " + String.join(" ", args) + " failed (" + process.exitValue() + "): " + text);
            }
            return text;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A test's own virtual host. */
    public static final class VirtualHost implements AutoCloseable {
        public final String name;

        private VirtualHost(String name) {
            this.name = name;
        }

        public URI uri() {
            return URI.create("amqp://guest:guest@" + HOST + ":" + PORT + "/" + name);
        }

        /**
         * Closes every connection to this virtual host whose client-provided name starts with {@code prefix} (all of
         * them for an empty prefix), the way a broker restart would; returns how many were closed.
         */
        int closeConnections(String prefix) {
            // the table format prints pids as close_connection takes them (<rabbit@host.1.2.3>); one row per line:
            // pid, vhost, client_properties (an Erlang term holding {"connection_name",longstr,"..."})
            String table = ctl("list_connections", "--quiet", "--no-table-headers", "pid", "vhost", "client_properties");
            int closed = 0;
            for (String line : table.split("\n")) {
                String[] columns = line.split("\t");
                if (columns.length < 3 || !columns[1].equals(name)) {
                    continue;
                }
                if (prefix.isEmpty() || columns[2].contains("\"connection_name\",longstr,\"" + prefix)) {
                    ctl("close_connection", columns[0], "simulated broker outage (test)");
                    closed++;
                }
            }
            return closed;
        }

        /** Closes every connection to this virtual host (and no other) in one broker call. */
        void closeAllConnections() {
            ctl("close_all_connections", "--vhost", name, "simulated broker outage (test)");
        }

        /** Refuses guest on this virtual host: reconnections fail until {@link #grantAccess()}. */
        void revokeAccess() {
            ctl("clear_permissions", "-p", name, "guest");
        }

        void grantAccess() {
            ctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        }

        @Override
        public void close() {
            ctl("delete_vhost", name);
        }
    }
}
