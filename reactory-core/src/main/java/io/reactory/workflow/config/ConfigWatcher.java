package io.reactory.workflow.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the configuration directory (every folder under it, new ones included) and calls back once files have
 * been quiet for the debounce period, or at the latest a second after the first change, so a burst of writes
 * becomes one reload and a steady trickle still reloads.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final Duration LATEST = Duration.ofSeconds(1);

    private final Path root;
    private final Duration debounce;
    private final Runnable onChange;
    private final WatchService service;
    private final Thread thread;
    private volatile boolean closed;

    ConfigWatcher(Path root, Duration debounce, Runnable onChange) throws IOException {
        this.root = root;
        this.debounce = debounce;
        this.onChange = onChange;
        this.service = FileSystems.getDefault().newWatchService();
        registerTree(root);
        this.thread = Thread.ofPlatform().daemon().name("reactory-config-watcher").unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    private void registerTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(dir, 6)) {
            dirs.filter(Files::isDirectory).filter(d -> !hidden(d)).forEach(d -> {
                try {
                    d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                } catch (IOException | ClosedWatchServiceException e) {
                    log.warn("cannot watch configuration folder {}: {}", d, e.toString());
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            log.warn("cannot walk configuration folder {}: {}", dir, e.toString());
        }
    }

    private boolean hidden(Path dir) {
        Path relative = root.relativize(dir);
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private void loop() {
        try {
            while (!closed) {
                handle(service.take());
                long deadline = System.nanoTime() + LATEST.toNanos();
                WatchKey more;
                while (System.nanoTime() < deadline
                        && (more = service.poll(Math.max(1, debounce.toMillis()), TimeUnit.MILLISECONDS)) != null) {
                    handle(more);
                }
                if (!closed) {
                    try {
                        onChange.run();
                    } catch (RuntimeException e) {
                        log.error("configuration reload failed", e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed: stop watching
        }
    }

    private void handle(WatchKey key) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                Path created = dir.resolve(name);
                if (Files.isDirectory(created) && !hidden(created)) {
                    registerTree(created);
                }
            }
        }
        key.reset();
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            log.debug("closing the configuration watcher: {}", e.toString());
        }
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
