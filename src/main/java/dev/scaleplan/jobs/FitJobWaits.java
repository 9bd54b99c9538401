package dev.scaleplan.jobs;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Waits for fit jobs without holding a thread: a waiting request is a future, completed at once when
 * this replica finishes the job ({@link FitJobRunner} through {@link FitJobWatcher#finished}), by the
 * watcher's one shared poll when another replica finishes it, or at the end of the wait. The answer is
 * then read from PostgreSQL on one of two answering threads, never on the fit's or the watcher's.
 */
@Component
class FitJobWaits implements DisposableBean {

    private final FitJobWatcher watcher;
    private final Semaphore waiters;
    private final ExecutorService answering = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "fit-job-answer");
        thread.setDaemon(true);
        return thread;
    });

    FitJobWaits(FitJobWatcher watcher, FitJobProperties properties) {
        this.watcher = watcher;
        this.waiters = new Semaphore(properties.maxWaiting());
    }

    /**
     * {@code answer} of the job once it has finished, or as it is after {@code wait}; at once when
     * {@code wait} is zero or {@code max-waiting} requests of this replica already wait.
     */
    <T> CompletableFuture<T> await(long jobId, Duration wait, Function<Long, T> answer) {
        if (wait.isZero() || !waiters.tryAcquire()) {
            return CompletableFuture.completedFuture(answer.apply(jobId));
        }
        CompletableFuture<Boolean> ended;
        try {
            ended = watcher.whenFinished(jobId).thenApply(finished -> true)
                    .completeOnTimeout(false, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            waiters.release();
            throw e;
        }
        return ended.thenApplyAsync(finished -> {
            waiters.release();
            if (!finished) {
                watcher.stopWaiting(jobId);
            }
            return answer.apply(jobId);
        }, answering);
    }

    @Override
    public void destroy() {
        answering.shutdownNow();
    }
}
