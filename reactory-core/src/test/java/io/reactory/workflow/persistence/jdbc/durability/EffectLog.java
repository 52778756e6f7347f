package io.reactory.workflow.persistence.jdbc.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The side effects of the durability workflow's steps, as seen from outside the engine: one line
 * {@code instanceId step nodeId} per step execution, appended to a file. The file is opened with {@code O_APPEND} and
 * every line is one {@code write(2)}, so a process killed with SIGKILL leaves whole lines only (the page cache
 * outlives the process; no fsync is needed because the machine does not crash, only the engine).
 */
final class EffectLog implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;

    private EffectLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static EffectLog open(Path file) {
        try {
            return new EffectLog(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the effect log " + file, e);
        }
    }

    /** Records one execution of {@code step} of {@code instanceId} by {@code node}. */
    void record(String instanceId, int step, String node) {
        byte[] line = (instanceId + ' ' + step + ' ' + node + '\n').getBytes(StandardCharsets.US_ASCII);
        try {
            // One direct buffer, one write: FileChannel hands it to a single write(2) on an O_APPEND descriptor.
            ByteBuffer buffer = ByteBuffer.allocateDirect(line.length).put(line).flip();
            int written = channel.write(buffer);
            if (written != line.length) {
                throw new IOException("short write of " + written + " of " + line.length + " bytes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the effect log " + file, e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
