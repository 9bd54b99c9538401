package dev.scaleplan.fits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import dev.scaleplan.projects.Project;
import dev.scaleplan.web.AnswerPending;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * A project's first fit for a plan that names none: made on a worker thread (refused at once, 503, when
 * every fitting slot is busy), while the plans that need it are parked without their threads; plans that
 * arrive meanwhile wait for the same fit.
 */
@Component
class FirstFits {

    /** The fit a plan makes when the project has none: the default form with default options. */
    static final FitRequest DEFAULT = new FitRequest(FitForms.DEFAULT, null, null, null, null, null, null, null, null,
            null);

    private final FitService running;
    private final Executor workers;
    private final Duration timeout;
    private final Map<String, CompletableFuture<StoredFit>> fitting = new ConcurrentHashMap<>();

    FirstFits(FitService running, @Qualifier("applicationTaskExecutor") Executor workers, FittingProperties properties) {
        this.running = running;
        this.workers = workers;
        this.timeout = properties.timeBudget().plusSeconds(60);
    }

    /** Thrown by the caller: the request waits (parked) for the project's first fit, started now or joined. */
    AnswerPending pending(Project project) {
        CompletableFuture<StoredFit> fit = fitting.computeIfAbsent(project.id(), id -> {
            CompletableFuture<StoredFit> started = CompletableFuture.supplyAsync(() -> running.fitNow(project, DEFAULT),
                    workers);
            // Once per fit, and on a worker: a fit that already failed must not touch the map inside its own compute.
            started.whenCompleteAsync((stored, failure) -> fitting.remove(id, started), workers);
            return started;
        });
        // Each request's own stage: a client that leaves cancels its wait, not the fit others wait for.
        return new AnswerPending(fit.thenApply(stored -> stored), timeout);
    }
}
