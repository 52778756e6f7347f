package io.reactory.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private static final class Number extends GroupCommit.Item<Integer> {
        final int value;

        Number(int value) {
            this.value = value;
        }
    }

    /** Squares every number, fails the odd ones above 1000, remembers the batch sizes. */
    private static final class Squares implements GroupCommit.Writer<Number> {
        final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstBatchStarted = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(0);

        @Override
        public void write(List<Number> batch) {
            sizes.add(batch.size());
            firstBatchStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            for (Number n : batch) {
                if (n.value > 1000 && n.value % 2 == 1) {
                    n.fail(new IllegalArgumentException("odd: " + n.value));
                } else {
                    n.succeed(n.value * n.value);
                }
            }
        }
    }

    @Test
    void everyCallerGetsItsOwnOutcome_callerLed() throws Exception {
        everyCallerGetsItsOwnOutcome(new GroupCommit<>(16, new Squares()));
    }

    @Test
    void everyCallerGetsItsOwnOutcome_onThread() throws Exception {
        try (GroupCommit<Number> commits = GroupCommit.onThread("test-writer", 16, new Squares())) {
            everyCallerGetsItsOwnOutcome(commits);
        }
    }

    private static void everyCallerGetsItsOwnOutcome(GroupCommit<Number> commits) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 995; i < 1195; i++) {
                int value = i;
                results.add(pool.submit(() -> {
                    Number n = new Number(value);
                    commits.submit(n);
                    return n.resultOrThrow();
                }));
            }
            for (int k = 0; k < results.size(); k++) {
                int value = 995 + k;
                if (value > 1000 && value % 2 == 1) {
                    assertThatThrownBy(results.get(k)::get).hasRootCauseMessage("odd: " + value);
                } else {
                    assertThat(results.get(k).get(10, TimeUnit.SECONDS)).isEqualTo(value * value);
                }
            }
        }
    }

    @Test
    void callersThatQueueWhileABatchIsWrittenShareTheNext() throws Exception {
        Squares writer = new Squares();
        writer.release = new CountDownLatch(1);
        try (GroupCommit<Number> commits = GroupCommit.onThread("test-writer", 64, writer);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = pool.submit(() -> commits.submit(new Number(1)));
            assertThat(writer.firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> waiting = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int value = i;
                waiting.add(pool.submit(() -> commits.submit(new Number(value))));
            }
            // all twenty are queued behind the blocked first batch before it is released
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> waiting.stream().noneMatch(Future::isDone) && commits.queued() == 20);
            writer.release.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> f : waiting) {
                f.get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(writer.sizes).containsExactly(1, 20);
    }

    @Test
    void aWriterThatThrowsFailsItsWholeBatchAndTheNextBatchIsWritten() throws Exception {
        GroupCommit.Writer<Number> writer = batch -> {
            if (batch.get(0).value == 13) {
                throw new IllegalStateException("disk on fire");
            }
            batch.forEach(n -> n.succeed(n.value));
        };
        try (GroupCommit<Number> commits = GroupCommit.onThread("test-writer", 8, writer)) {
            Number unlucky = new Number(13);
            commits.submit(unlucky);
            assertThatThrownBy(unlucky::resultOrThrow).hasMessage("disk on fire");
            Number next = new Number(14);
            commits.submit(next);
            assertThat(next.resultOrThrow()).isEqualTo(14);
        }
    }

    @Test
    void aWriterThatLeavesAnItemUnsettledFailsThatItem() {
        GroupCommit<Number> commits = new GroupCommit<>(8, batch -> { });
        Number n = new Number(1);
        commits.submit(n);
        assertThat(n.failure()).isInstanceOf(IllegalStateException.class).hasMessageContaining("without an outcome");
    }

    @Test
    void afterCloseADedicatedWriterRefusesAtOnce() {
        GroupCommit<Number> commits = GroupCommit.onThread("test-writer", 8, batch -> batch.forEach(n -> n.succeed(0)));
        commits.close();
        Number late = new Number(1);
        commits.submit(late);
        assertThat(late.failure()).hasMessageContaining("closed");
    }

    @Test
    void aLoneCallerOnAPlatformThreadWritesItsOwnItem() throws Exception {
        List<String> writers = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<Number> commits = GroupCommit.onThread("test-writer", 8, batch -> {
            writers.add(Thread.currentThread().getName());
            batch.forEach(n -> n.succeed(n.value));
        })) {
            Number n = new Number(5);
            Thread.ofPlatform().name("platform-caller").start(() -> commits.submit(n)).join();
            assertThat(n.resultOrThrow()).isEqualTo(5);
        }
        assertThat(writers).containsExactly("platform-caller");
    }

    @Test
    void whoeverWritesNothingIsLeftQueued() throws Exception {
        // platform and virtual callers at once: every item is written, whichever thread led
        try (GroupCommit<Number> commits = GroupCommit.onThread("test-writer", 4, new Squares());
             ExecutorService virtualPool = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService platformPool = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int value = i;
                results.add((i % 2 == 0 ? virtualPool : platformPool).submit(() -> {
                    Number n = new Number(value);
                    commits.submit(n);
                    return n.resultOrThrow();
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i * i);
            }
        }
    }

    @Test
    void theWriterThreadCannotWaitForItself() throws Exception {
        List<Throwable> seen = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Number>[] self = new GroupCommit[1];
        self[0] = GroupCommit.onThread("test-writer", 8, batch -> {
            try {
                self[0].submit(new Number(2));
            } catch (IllegalStateException e) {
                seen.add(e);
            }
            batch.forEach(n -> n.succeed(n.value));
        });
        try (GroupCommit<Number> commits = self[0]) {
            // a virtual thread hands its item to the writer; a platform thread writes it itself, as the leader
            for (Thread.Builder caller : List.of(Thread.ofVirtual(), Thread.ofPlatform())) {
                Number n = new Number(1);
                caller.start(() -> commits.submit(n)).join();
                assertThat(n.resultOrThrow()).isEqualTo(1);
            }
        }
        assertThat(seen).hasSize(2).allSatisfy(e -> assertThat(e).hasMessageContaining("wait for itself"));
    }
}
