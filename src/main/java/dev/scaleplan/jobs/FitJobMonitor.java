package dev.scaleplan.jobs;

import java.util.Locale;

import dev.scaleplan.fitting.FitMonitor;

/**
 * The fitting side of one running job: the fitter writes phase and progress here (the watcher copies
 * them to the database), and reads whether the job was cancelled or this replica is stopping.
 */
final class FitJobMonitor implements FitMonitor {

    private volatile Phase phase = Phase.GRID;
    private volatile double progress;
    private volatile boolean cancelled;
    private volatile boolean replicaStopping;

    @Override
    public void progress(Phase phase, double fraction) {
        this.phase = phase;
        this.progress = Math.min(1, Math.max(0, fraction));
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
