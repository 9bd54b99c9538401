package dev.scaleplan.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One thread per replica that, every {@code watch-interval}: writes the progress of this replica's
 * running jobs, passes on cancellations made through any replica, and wakes the requests waiting for
 * jobs another replica finished. Jobs finished here wake their waiters at once.
 */
@Component
class FitJobWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FitJobWatcher.class);

    private final FitJobRepository jobs;
    private final FitJobProperties properties;
    private final Map<Long, FitJobMonitor> running = new ConcurrentHashMap<>();
    private final Map<Long, String> written = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private ScheduledExecutorService thread;

    FitJobWatcher(FitJobRepository jobs, FitJobProperties properties) {
        this.jobs = jobs;
        this.properties = properties;
    }

    void track(long jobId, FitJobMonitor monitor) {
        running.put(jobId, monitor);
    }

    void untrack(long jobId) {
        running.remove(jobId);
        written.remove(jobId);
    }

    int runningHere() {
        return running.size();
    }

    /** Completes when the job has finished, on any replica. */
    CompletableFuture<Void> whenFinished(long jobId) {
        return waiting.computeIfAbsent(jobId, id -> new CompletableFuture<>());
    }

    void stopWaiting(long jobId) {
        waiting.remove(jobId);
    }

    void finished(long jobId) {
        CompletableFuture<Void> future = waiting.remove(jobId);
        if (future != null) {
            future.complete(null);
        }
    }

    /** Cancels the fit if it runs here; true if it did. */
    boolean cancelHere(long jobId) {
        FitJobMonitor monitor = running.get(jobId);
        if (monitor != null) {
            monitor.cancel();
        }
        return monitor != null;
    }

    /** Stops every fit running here without finishing its job (the replica is shutting down). */
    void stopAllHere() {
        running.values().forEach(FitJobMonitor::replicaStopping);
    }

    private void watch() {
        try {
            List<Long> ids = new ArrayList<>(running.keySet());
            for (long id : ids) {
                FitJobMonitor monitor = running.get(id);
                if (monitor == null) {
                    continue;
                }
                String state = monitor.phase() + ":" + Math.round(monitor.progress() * 1000);
                if (!state.equals(written.put(id, state))) {
                    jobs.progress(id, monitor.phase(), monitor.progress());
                }
            }
            if (!ids.isEmpty()) {
                // A cancel through another replica only changes the row; the fit running here stops now.
                for (long id : jobs.finished(ids)) {
                    cancelHere(id);
                }
            }
            if (!waiting.isEmpty()) {
                jobs.finished(new ArrayList<>(waiting.keySet())).forEach(this::finished);
            }
        } catch (RuntimeException e) {
            log.warn("Could not watch fit jobs: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "fit-job-watcher");
            t.setDaemon(true);
            return t;
        });
        long every = properties.watchInterval().toMillis();
        thread.scheduleWithFixedDelay(this::watch, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        thread.shutdownNow();
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
