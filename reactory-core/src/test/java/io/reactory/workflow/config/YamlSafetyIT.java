package io.reactory.workflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.config.internal.SafeYaml;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile files are refused quickly and with bounded memory. */
class YamlSafetyIT {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    @Test
    void a_billion_laughs_file_is_refused_quickly_with_bounded_memory() throws IOException {
        StringBuilder yaml = new StringBuilder("id: laughs\nproperties:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append("  ").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = c;
        }
        assertRefusedCheaply(yaml.toString(), "aliases");
    }

    @Test
    void an_alias_bomb_under_the_alias_limit_is_refused_by_the_node_budget() throws IOException {
        // 25 levels, 2 aliases each: 50 aliases, 2^25 nodes once expanded
        StringBuilder yaml = new StringBuilder("id: doubling\nproperties:\n  l0: &l0 [x, x]\n");
        for (int i = 1; i <= 24; i++) {
            yaml.append("  l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
        }
        assertRefusedCheaply(yaml.toString(), "expands to more than");
    }

    @Test
    void a_50_megabyte_file_is_refused_before_it_is_read() throws IOException {
        Path big = dir.resolve("big.yml");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.write("id: big\nproperties:\n  blob: \"".getBytes());
            file.setLength(50L * 1024 * 1024);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        SafeYaml.Parsed parsed = new SafeYaml(YamlLimits.DEFAULT).read(big, "workflows/big.yml");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long used = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.problems().get(0).message()).contains("52428800 bytes, more than the limit");
        assertThat(took).isLessThan(Duration.ofMillis(500));
        assertThat(used).isLessThan(2L * 1024 * 1024);
    }

    private void assertRefusedCheaply(String yaml, String reason) throws IOException {
        Path file = dir.resolve("bomb.yml");
        Files.writeString(file, yaml);
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        SafeYaml.Parsed parsed = new SafeYaml(YamlLimits.DEFAULT).read(file, "workflows/bomb.yml");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long used = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.root()).isNull();
        assertThat(parsed.problems().get(0).message()).contains(reason);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(used).as("bytes allocated").isLessThan(64L * 1024 * 1024);
    }
}
