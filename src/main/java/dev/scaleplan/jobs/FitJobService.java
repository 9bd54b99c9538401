package dev.scaleplan.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.scaleplan.fits.FitRequest;
import dev.scaleplan.fits.FitService;
import dev.scaleplan.fits.FitViews;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import dev.scaleplan.admission.QueueDepth;
import dev.scaleplan.keys.AuthenticatedKey;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

    private final QueueDepth depth;
    private final ReentrantLock submitting = new ReentrantLock(true);
    private final TransactionTemplate transaction;

    FitJobService(FitJobRepository jobs, FitJobScheduler scheduler, FitJobWatcher watcher, FitService fits,
                  FitViews views, ProjectService projects, FitJobProperties properties, QueueDepth depth,
                  PlatformTransactionManager transactions) {
        this.views = views;
        this.depth = depth;
        this.transaction = new TransactionTemplate(transactions);
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.watcher = watcher;
        this.fits = fits;
        this.projects = projects;
        this.properties = properties;
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

    /**
     * Queues a fit after the checks that need no fitting (project, run count) and within the queue's
     * depth limits; any replica may run it. The job and its execution are written in one transaction,
     * so a process killed in between leaves neither.
     */
    FitJob submit(String projectId, FitRequest request) {
        fits.checkFittable(projectId, request);
        Long keyId = AuthenticatedKey.current().map(AuthenticatedKey::id).orElse(null);
        // One submission of this replica at a time waits for the queue's database lock: the others wait
        // here without holding a pooled connection, so a burst of submissions cannot drain the pool.
        try {
            if (!submitting.tryLock(10, TimeUnit.SECONDS)) {
                throw new ApiException(ProblemType.SERVICE_UNAVAILABLE, "Too many fit requests at once; retry");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ProblemType.SERVICE_UNAVAILABLE, "Interrupted while queuing the fit; retry");
        }
        try {
            return queue(projectId, request, keyId);
        } finally {
            submitting.unlock();
        }
    }

    private FitJob queue(String projectId, FitRequest request, Long keyId) {
        return transaction.execute(status -> {
            jobs.lockQueue();
            FitJobRepository.QueueState queue = jobs.queueState(projectId, keyId);
            depth.admit(keyId, queue.queuedByKey(), queue.queuedInProject());
            int round = queue.nextRound();
            FitJob job = jobs.insert(projectId, request, keyId, round);
            scheduler.schedule(job.id(), round);
            return job;
        });
    }

    /** A project's jobs, newest first; {@code status} a comma-separated list of statuses, null for all. */
    PageResponse<FitJob> list(String projectId, String status, PageRequest page) {
        projects.requireExists(projectId);
        List<FitJobStatus> statuses = status == null || status.isBlank() ? List.of(FitJobStatus.values())
                : java.util.Arrays.stream(status.split(",")).map(String::strip).map(FitJobService::status)
                .distinct().toList();
        return PageResponse.of(jobs.list(projectId, statuses, page.offset(), page.size()), page,
                jobs.count(projectId, statuses));
    }

    /**
     * Cancels every queued (or every running) job of the project at once: queued ones never start,
     * running ones stop within about a second on whichever replica runs them. Answers how many.
     */
    FitJobsCancelled cancelAll(String projectId, String status) {
        projects.requireExists(projectId);
        if (status == null) {
            throw ApiException.invalidParameter("status", "say which jobs to cancel: queued or running");
        }
        FitJobStatus which = status(status);
        if (which.isFinished()) {
            throw ApiException.invalidParameter("status", "only queued or running jobs can be cancelled");
        }
        List<Long> cancelled = jobs.cancelAll(projectId, which);
        for (long id : cancelled) {
            scheduler.unschedule(id);
            watcher.cancelHere(id);
            watcher.finished(id);
        }
        return new FitJobsCancelled(projectId, which.id(), cancelled.size(), cancelled);
    }

    private static FitJobStatus status(String text) {
        try {
            return FitJobStatus.of(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("status", "must be one of queued, running, succeeded, failed, "
                    + "cancelled");
        }
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
