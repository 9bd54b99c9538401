package dev.scaleplan.jobs;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.scaleplan.fits.FitRequest;
import dev.scaleplan.fits.FitService;
import dev.scaleplan.fits.FitViews;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.stereotype.Service;

/** Submits, follows and cancels fit jobs. */
@Service
public class FitJobService {

    private final FitJobRepository jobs;
    private final FitJobScheduler scheduler;
    private final FitJobWatcher watcher;
    private final FitService fits;
    private final FitViews views;
    private final ProjectService projects;
    private final FitJobProperties properties;
    private final Semaphore waiters;

    FitJobService(FitJobRepository jobs, FitJobScheduler scheduler, FitJobWatcher watcher, FitService fits,
                  FitViews views, ProjectService projects, FitJobProperties properties) {
        this.views = views;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.watcher = watcher;
        this.fits = fits;
        this.projects = projects;
        this.properties = properties;
        this.waiters = new Semaphore(properties.maxWaiting());
    }

    /** The job, or its wait in seconds checked: null for the default. */
    Duration waitFor(Integer seconds) {
        if (seconds == null) {
            return properties.defaultWait();
        }
        if (seconds < 0 || seconds > properties.maxWait().toSeconds()) {
            throw ApiException.invalidParameter("wait", "must be between 0 and " + properties.maxWait().toSeconds()
                    + " seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    /** Queues a fit after the checks that need no fitting (project, run count); any replica may run it. */
    FitJob submit(String projectId, FitRequest request) {
        fits.checkFittable(projectId, request);
        FitJob job = jobs.insert(projectId, request);
        try {
            scheduler.schedule(job.id());
        } catch (RuntimeException e) {
            jobs.fail(job.id(), FitJobRunner.problem(new ApiException(ProblemType.SERVICE_UNAVAILABLE,
                    "The fit job could not be queued")));
            throw e;
        }
        return job;
    }

    /**
     * The job once finished, or as it is after {@code wait}: the calling thread waits at most that
     * long, and not at all when {@code max-waiting} requests already wait.
     */
    FitJob await(FitJob job, Duration wait) {
        if (wait.isZero() || !waiters.tryAcquire()) {
            return get(job.projectId(), job.id());
        }
        try {
            watcher.whenFinished(job.id()).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            watcher.stopWaiting(job.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiters.release();
        }
        return get(job.projectId(), job.id());
    }

    public FitJob get(String projectId, long jobId) {
        projects.requireExists(projectId);
        return jobs.find(projectId, jobId).orElseThrow(() -> ApiException.notFound("Fit job", jobId));
    }

    /** Cancels a queued or running job; a finished one is a 409 (a cancelled one is answered as it is). */
    FitJob cancel(String projectId, long jobId) {
        FitJob job = get(projectId, jobId);
        if (jobs.cancel(jobId)) {
            scheduler.unschedule(jobId);
            watcher.cancelHere(jobId);
            watcher.finished(jobId);
            return get(projectId, jobId);
        }
        FitJob now = get(projectId, jobId);
        if (now.status() == FitJobStatus.CANCELLED) {
            return now;
        }
        throw new ApiException(ProblemType.CONFLICT, "Fit job " + jobId + " has already " + now.status().id()
                + (now.fitId() != null ? " (fit " + now.fitId() + ")" : ""));
    }

    /** The fit of a succeeded job, as {@code GET /fits/{id}} answers it. */
    dev.scaleplan.fits.FitResponse fit(FitJob job) {
        return views.get(job.projectId(), job.fitId());
    }
}
