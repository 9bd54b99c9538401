package dev.scaleplan.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.scaleplan.fits.FitResponse;
import dev.scaleplan.fits.FitService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Executes one fit job on a scheduler thread of this replica, through {@link FitService}. */
@Component
class FitJobRunner {

    private static final Logger log = LoggerFactory.getLogger(FitJobRunner.class);

    /** The replica stopped the fit to hand the job to another one: db-scheduler retries it. */
    static final class ReplicaStopping extends RuntimeException {
        ReplicaStopping(long jobId) {
            super("fit job " + jobId + " handed back: this replica is stopping");
        }
    }

    /** Carries a fit's interruption out of the transaction callback. */
    private static final class Interrupted extends RuntimeException {
        Interrupted(InterruptedException cause) {
            super(cause);
        }
    }

    private final FitJobRepository jobs;
    private final FitJobWatcher watcher;
    private final FitService fits;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;

    FitJobRunner(FitJobRepository jobs, FitJobWatcher watcher, FitService fits, MeterRegistry meters,
                 PlatformTransactionManager transactions) {
        this.jobs = jobs;
        this.watcher = watcher;
        this.fits = fits;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Fits and marks the job succeeded in one transaction: a job cancelled, or deleted with its project,
     * while its fit computed leaves no fit behind, not even in a project re-created with the same id
     * (the fit's row would be written there; the job's row is gone, so the whole transaction rolls back).
     * Empty when that happened.
     */
    private Optional<FitResponse> fitAndSucceed(long jobId, FitJobRepository.Claimed job, FitJobMonitor monitor)
            throws InterruptedException {
        try {
            return Optional.ofNullable(transaction.execute(status -> {
                FitResponse fit;
                try {
                    fit = fits.fitForJob(job.projectId(), job.request(), monitor);
                } catch (InterruptedException e) {
                    throw new Interrupted(e);
                }
                if (!jobs.succeed(jobId, fit.id())) {
                    status.setRollbackOnly();
                    return null;
                }
                return fit;
            }));
        } catch (Interrupted e) {
            throw (InterruptedException) e.getCause();
        }
    }

    void run(long jobId, String instance) {
        Optional<FitJobRepository.Claimed> claimed = jobs.claim(jobId, instance);
        if (claimed.isEmpty()) {
            return; // finished or cancelled before it was picked
        }
        FitJobRepository.Claimed job = claimed.get();
        FitJobMonitor monitor = new FitJobMonitor(JobProgress.of(job.request()));
        watcher.track(jobId, monitor);
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        try {
            Optional<FitResponse> fit = fitAndSucceed(jobId, job, monitor);
            if (fit.isPresent()) {
                outcome = "succeeded";
                log.info("Fit job {} of project {} succeeded on {}: fit {}", jobId, job.projectId(), instance,
                        fit.get().id());
            } else {
                outcome = jobs.exists(jobId) ? "cancelled" : "project-deleted";
                log.info("Fit job {} of project {} ended without storing its fit: {}", jobId, job.projectId(), outcome);
            }
        } catch (ApiException e) {
            if (monitor.isReplicaStopping()) {
                jobs.requeue(jobId);
                outcome = "handed-back";
                throw new ReplicaStopping(jobId);
            }
            if (monitor.cancelled()) {
                jobs.cancel(jobId);
                outcome = jobs.exists(jobId) ? "cancelled" : "project-deleted";
            } else {
                jobs.fail(jobId, problem(e));
                log.info("Fit job {} of project {} failed: {}", jobId, job.projectId(), e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.requeue(jobId);
            outcome = "handed-back";
            throw new ReplicaStopping(jobId);
        } finally {
            watcher.untrack(jobId);
            watcher.finished(jobId);
            sample.stop(Timer.builder("scaleplan.fits.jobs.duration")
                    .description("Time from a replica starting a fit job to its end, by outcome")
                    .tag("outcome", outcome).register(meters));
        }
    }

    /** The problem details the fit request would have answered. */
    static Map<String, Object> problem(ApiException e) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", e.type().uri().toString());
        problem.put("title", e.type().title());
        problem.put("status", e.type().status().value());
        problem.put("detail", e.getMessage());
        if (!e.errors().isEmpty()) {
            problem.put("errors", e.errors().stream().map(error -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("pointer", error.pointer());
                fields.put("row", error.row());
                fields.put("field", error.field());
                fields.put("message", error.message());
                fields.values().removeIf(java.util.Objects::isNull);
                return fields;
            }).toList());
        }
        problem.putAll(e.properties());
        return problem;
    }

    /** The exception that answers a failed job's problem again. */
    static ApiException exception(Map<String, Object> problem) {
        ProblemType type = ProblemType.INTERNAL;
        for (ProblemType candidate : ProblemType.values()) {
            if (candidate.uri().toString().equals(problem.get("type"))) {
                type = candidate;
            }
        }
        Map<String, Object> properties = new LinkedHashMap<>(problem);
        properties.keySet().removeAll(java.util.List.of("type", "title", "status", "detail", "errors"));
        java.util.List<dev.scaleplan.web.ProblemError> errors = problem.get("errors") instanceof java.util.List<?> list
                ? list.stream().filter(Map.class::isInstance).map(Map.class::cast).map(FitJobRunner::error).toList()
                : java.util.List.of();
        return new ApiException(type, String.valueOf(problem.get("detail")), errors, properties);
    }

    private static dev.scaleplan.web.ProblemError error(Map<?, ?> fields) {
        Object row = fields.get("row");
        return new dev.scaleplan.web.ProblemError((String) fields.get("pointer"),
                row instanceof Number number ? number.intValue() : null, (String) fields.get("field"),
                (String) fields.get("message"));
    }
}
