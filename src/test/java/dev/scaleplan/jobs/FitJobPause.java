package dev.scaleplan.jobs;

import org.springframework.context.ApplicationContext;

/**
 * Stops this replica picking fit jobs until closed, so that a test sees a job stay queued however fast
 * the machine fits it (a browser test that cancels a job must not race the fit).
 */
public final class FitJobPause implements AutoCloseable {

    private final FitJobScheduler scheduler;

    private FitJobPause(FitJobScheduler scheduler) {
        this.scheduler = scheduler;
        scheduler.stop();
    }

    public static FitJobPause pause(ApplicationContext context) {
        return new FitJobPause(context.getBean(FitJobScheduler.class));
    }

    @Override
    public void close() {
        scheduler.start();
    }
}
