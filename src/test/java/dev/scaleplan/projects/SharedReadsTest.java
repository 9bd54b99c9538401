package dev.scaleplan.projects;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SharedReadsTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(4);
    private final AtomicInteger reads = new AtomicInteger();
    /** The first read of each test waits for this, so that callers gather behind it. */
    private final CountDownLatch firstReadMayEnd = new CountDownLatch(1);
    private final CountDownLatch firstReadBegan = new CountDownLatch(1);

    private final SharedReads<String, Integer> shared = new SharedReads<>(key -> {
        int read = reads.incrementAndGet();
        if (read == 1) {
            firstReadBegan.countDown();
            try {
                assertThat(firstReadMayEnd.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return read;
    });

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void callersThatAskDuringARead_shareTheNextRead_neverTheOneAlreadyRunning() throws Exception {
        Future<Integer> first = callers.submit(() -> shared.get("p"));
        assertThat(firstReadBegan.await(10, TimeUnit.SECONDS)).isTrue();
        // Asked while read 1 runs: read 1 may have missed a write they expect to see, so they wait for read 2.
        Future<Integer> second = callers.submit(() -> shared.get("p"));
        Future<Integer> third = callers.submit(() -> shared.get("p"));
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingCallers() == 2);
        firstReadMayEnd.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(reads).hasValue(2);
        assertThat(shared.get("p")).as("a later caller reads again").isEqualTo(3);
    }

    @Test
    void keysAreReadApart() throws Exception {
        firstReadMayEnd.countDown();
        assertThat(shared.get("p")).isEqualTo(1);
        assertThat(shared.get("q")).isEqualTo(2);
        assertThat(shared.get("p")).isEqualTo(3);
    }

    @Test
    void aFailedReadFailsItsCallerAndTheNextCallReadsAgain() {
        AtomicInteger calls = new AtomicInteger();
        SharedReads<String, Integer> failingOnce = new SharedReads<>(key -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database unavailable");
            }
            return calls.get();
        });
        assertThatThrownBy(() -> failingOnce.get("p")).isInstanceOf(IllegalStateException.class)
                .hasMessage("database unavailable");
        assertThat(failingOnce.get("p")).isEqualTo(2);
    }

    /** Threads of {@link #callers} parked: waiting for a read to begin or end. */
    private long waitingCallers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("pool-") && thread.getState() == Thread.State.WAITING
                        && Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().equals(SharedReads.class.getName())))
                .count();
    }
}
