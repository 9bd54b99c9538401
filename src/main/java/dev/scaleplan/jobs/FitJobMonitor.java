package dev.scaleplan.jobs;

import java.util.Locale;

import dev.scaleplan.fitting.FitMonitor;

/**
 * The fitting side of one running job: the fitter writes phase and progress here (the watcher copies
 * them to the database), and reads whether the job was cancelled or this replica is stopping.
 * Progress is the whole job's, 0 to 1 across its phases ({@link JobProgress}), never going back.
 */
final class FitJobMonitor implements FitMonitor {

    private final JobProgress weights;
    private volatile Phase phase = Phase.GRID;
    private volatile double progress;
    private volatile boolean cancelled;
    private volatile boolean replicaStopping;

    FitJobMonitor(JobProgress weights) {
        this.weights = weights;
    }

    @Override
    public synchronized void progress(Phase phase, double fraction) {
        this.phase = phase;
        this.progress = Math.max(progress, weights.overall(phase, fraction));
    }

    @Override
    public Stop stop() {
        return cancelled || replicaStopping ? Stop.CANCELLED : null;
    }

    String phase() {
        return phase.name().toLowerCase(Locale.ROOT);
    }

    double progress() {
        return progress;
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Stops the fit without finishing the job, so that another replica can take it up. */
    void replicaStopping() {
        replicaStopping = true;
    }

    boolean isReplicaStopping() {
        return replicaStopping;
    }
}
