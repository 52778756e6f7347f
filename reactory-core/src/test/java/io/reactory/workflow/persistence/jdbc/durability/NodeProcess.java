package io.reactory.workflow.persistence.jdbc.durability;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EngineNode} in a child JVM: the test JVM's own {@code java} and class path (under failsafe a
 * manifest-only booter jar, which a child can use as long as it exists). Its stdout and stderr go to a file the test
 * reads; its stdin stays a pipe for {@link #release()}.
 */
final class NodeProcess implements AutoCloseable {
    private final String name;
    private final String node;
    private final Process process;
    private final Path output;
    private final Path effects;

    private NodeProcess(String name, String node, Process process, Path output, Path effects) {
        this.name = name;
        this.node = node;
        this.process = process;
        this.output = output;
        this.effects = effects;
    }

    /**
     * Launches a node writing its effects to {@code dir/<node>.effects} and its output to {@code dir/<node>.out}
     * (appended to when the same node is launched again).
     *
     * @param args further {@code --name value} arguments of {@link EngineNode}
     */
    static NodeProcess launch(Path dir, String node, List<String> args) {
        return launch(dir, node, node, args);
    }

    /**
     * Launches a process named {@code name} (its files) running the engine node {@code nodeId}: two processes can
     * claim to be the same node, as a replacement started while the original is frozen does.
     */
    static NodeProcess launch(Path dir, String name, String nodeId, List<String> args) {
        Path effects = dir.resolve(name + ".effects");
        Path output = dir.resolve(name + ".out");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java runs this test")));
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), EngineNode.class.getName(),
                "--node", nodeId, "--effects", effects.toString()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
            return new NodeProcess(name, nodeId, process, output, effects);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch engine node " + name, e);
        }
    }

    /** The node id it runs as. */
    String node() {
        return node;
    }

    long pid() {
        return process.pid();
    }

    Path effects() {
        return effects;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the node printed so far (all its launches). */
    List<String> output() {
        try {
            return Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many printed lines contain {@code text}. */
    long printed(String text) {
        return output().stream().filter(line -> line.contains(text)).count();
    }

    /** The last lines of the node's output, for assertion messages. */
    String tail() {
        List<String> lines = output();
        return name + " (pid " + pid() + ", " + (isAlive() ? "running" : "exit " + process.exitValue()) + "):\n  "
                + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Lets the node's blocked step executions go on. */
    void release() {
        try {
            OutputStream in = process.getOutputStream();
            in.write("release\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the stdin of " + name, e);
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGSTOP: the whole JVM freezes (as in a long GC pause or a VM migration). */
    void suspend() {
        signal("-STOP");
    }

    /** SIGCONT. */
    void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the node to exit on its own and returns its exit code; fails after {@code timeout}. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("engine node did not finish within " + timeout + ": " + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
