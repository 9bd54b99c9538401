package dev.scaleplan.fits;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.scaleplan.admission.Slots;
import dev.scaleplan.fitting.FitMonitor;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.runs.TaggedPoints;
import dev.scaleplan.web.AnswerPending;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Admits backtests as fits are admitted: a stored, current backtest is answered at once; otherwise the
 * computation needs an expensive-read slot (503 when none is free), runs within the fitting time budget
 * on a worker thread, and stops when no request waits for it any longer. Identical requests that arrive
 * while it computes wait for the same computation: one computation, every client answered.
 */
@Component
class BacktestGate {

    private static final Logger log = LoggerFactory.getLogger(BacktestGate.class);

    /** What makes two backtest requests the same computation. */
    record Key(String projectId, long fitId, long dataRevision) {
    }

    /** One backtest being computed, and how many clients still wait for it. */
    private static final class Computation implements FitMonitor {
        final CompletableFuture<StoredBacktest> result = new CompletableFuture<>();
        final AtomicInteger waiting = new AtomicInteger();
        final long deadline;
        volatile boolean abandoned;

        Computation(Duration budget) {
            this.deadline = System.nanoTime() + budget.toNanos();
        }

        @Override
        public Stop stop() {
            return abandoned ? Stop.CANCELLED : System.nanoTime() - deadline > 0 ? Stop.TIME_BUDGET : null;
        }

        void leave() {
            if (waiting.decrementAndGet() == 0 && !result.isDone()) {
                abandoned = true;
            }
        }
    }

    /** A backtest stopped before it was done: the time budget, or every client gone. */
    private static final class Stopped extends RuntimeException {
        final FitMonitor.Stop why;

        Stopped(FitMonitor.Stop why) {
            super(why.name());
            this.why = why;
        }
    }

    private static final Duration BEYOND_BUDGET = Duration.ofSeconds(30);

    private final BacktestService service;
    private final ProjectService projects;
    private final Slots slots;
    private final Duration budget;
    private final Map<Key, Computation> computing = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "backtest");
        thread.setDaemon(true);
        return thread;
    });

    BacktestGate(BacktestService service, ProjectService projects, Slots slots, FittingProperties fitting) {
        this.service = service;
        this.projects = projects;
        this.slots = slots;
        this.budget = fitting.timeBudget();
    }

    /**
     * The fit's backtest as clients see it at {@code flops}, without holding the calling thread while it
     * computes. The budget shapes only the report built from the stored backtest, not what is refitted,
     * so requests at any budget share one computation.
     */
    CompletableFuture<BacktestResponse> backtest(String projectId, long fitId, Double flops) {
        service.checkBudget(projectId, fitId, flops);
        return whenStored(projectId, fitId, stored -> service.report(projectId, fitId, stored, flops));
    }

    /**
     * The fit's stored backtest for the project's current runs. When it must be computed first (admitted as
     * above), the request is parked without its thread and asked again once the backtest is stored
     * ({@link AnswerPending}): plans and predictions that need the calibrated band.
     */
    StoredBacktest stored(String projectId, long fitId) {
        CompletableFuture<StoredBacktest> stored = whenStored(projectId, fitId, backtest -> backtest);
        if (!stored.isDone()) {
            throw new AnswerPending(stored, requestTimeout());
        }
        try {
            return stored.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /**
     * {@code answer} of the fit's stored backtest: at once when there is a current one, else when the
     * computation this request joins (or starts) ends, on its thread. Cancelling the returned future
     * (the client went away) leaves the computation, which stops when nobody waits for it any longer.
     */
    <T> CompletableFuture<T> whenStored(String projectId, long fitId, Function<StoredBacktest, T> answer) {
        Optional<StoredBacktest> kept = service.current(projectId, fitId);
        if (kept.isPresent()) {
            return CompletableFuture.completedFuture(answer.apply(kept.get()));
        }
        Key key = new Key(projectId, fitId, projects.get(projectId).dataRevision());
        Computation computation = computing.compute(key, (k, running) -> {
            Computation joined = running != null ? running : start(k);
            joined.waiting.incrementAndGet();
            return joined;
        });
        CompletableFuture<T> mine = new CompletableFuture<>();
        mine.whenComplete((value, failure) -> computation.leave());
        computation.result.whenComplete((stored, failure) -> {
            try {
                if (failure != null) {
                    mine.completeExceptionally(failure);
                } else {
                    mine.complete(answer.apply(stored));
                }
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            }
        });
        // Longer than the budget, so that the budget's own answer (422) arrives rather than this one.
        CompletableFuture.delayedExecutor(deadline().toMillis(), TimeUnit.MILLISECONDS).execute(() ->
                mine.completeExceptionally(new ApiException(ProblemType.SERVICE_UNAVAILABLE,
                        "The backtest did not finish in time; retry")));
        return mine;
    }

    /** When a request for a backtest gives up (503): after the budget's own answer would have arrived. */
    private Duration deadline() {
        return budget.plus(BEYOND_BUDGET);
    }

    /** When the container gives up on a request waiting for a backtest: after the gate's own answer. */
    Duration requestTimeout() {
        return deadline().plusSeconds(30);
    }

    /** Number of backtests computing on this replica (for tests and metrics). */
    int computing() {
        return computing.size();
    }

    private Computation start(Key key) {
        Slots.Held slot = slots.take(Slots.Kind.EXPENSIVE_READ);
        Computation computation = new Computation(budget);
        try {
            workers.execute(() -> {
                try {
                    computation.result.complete(service.stored(key.projectId(), key.fitId(), computation));
                } catch (Stopped e) {
                    computation.result.completeExceptionally(stopped(e.why, key));
                } catch (RuntimeException e) {
                    computation.result.completeExceptionally(e);
                } finally {
                    computing.remove(key, computation);
                    slot.close();
                }
            });
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
        return computation;
    }

    private ApiException stopped(FitMonitor.Stop why, Key key) {
        if (why == FitMonitor.Stop.CANCELLED) {
            log.info("Backtest of fit {} (project {}) stopped: every client left", key.fitId(), key.projectId());
            return new ApiException(ProblemType.SERVICE_UNAVAILABLE, "The backtest was stopped: nobody waits for it");
        }
        log.info("Backtest of fit {} (project {}) stopped at the time budget", key.fitId(), key.projectId());
        return new ApiException(ProblemType.FIT_FAILED, "The backtest did not finish within the time budget ("
                + budget.toSeconds() + " s, scaleplan.fitting.time-budget); backtest a fit of fewer runs",
                List.of(), Map.of("reason", "time-budget-exceeded"));
    }

    /**
     * A refit's monitor that remembers whether it told the fitter to stop: refits stopped that way only
     * skip their cut-off, so the backtest as a whole must then stop rather than be stored incomplete.
     */
    static final class Watched extends FitMonitor.Relay {
        private volatile Stop stopped;

        Watched(FitMonitor monitor) {
            super(monitor);
        }

        @Override
        protected Stop stop(Stop relayed) {
            if (relayed != null && stopped == null) {
                stopped = relayed;
            }
            return relayed;
        }

        void throwIfStopped() {
            Stop stop = stopped;
            if (stop != null) {
                throw new Stopped(stop);
            }
        }
    }

    /** {@code indices}, after checking {@code monitor}: an IsoFLOP refit takes no monitor of its own. */
    static int[] checked(FitMonitor monitor, int[] indices) {
        FitMonitor.Stop stop = monitor.stop();
        if (stop != null) {
            throw new Stopped(stop);
        }
        return indices;
    }

    /** The 50,000-run limit of fits holds for backtests, which refit the same runs several times. */
    static void checkRunCount(int runs, int maxRuns) {
        if (runs > maxRuns) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The backtest would refit " + runs + " runs; at most "
                    + maxRuns + " are allowed (scaleplan.fitting.max-runs). Backtest a fit with a narrower filter.");
        }
    }

    /** A digest of the runs a backtest refits, in order: equal digests, equal backtests. */
    static String fingerprint(TaggedPoints points) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(Double.BYTES * 5);
            for (int i = 0; i < points.size(); i++) {
                buffer.clear();
                buffer.putDouble(points.parameters()[i]).putDouble(points.tokens()[i]).putDouble(points.flops()[i])
                        .putDouble(points.loss()[i])
                        .putDouble(points.experts() == null ? 0 : points.experts()[i]);
                digest.update(buffer.array());
                String tag = points.tag() == null ? null : points.tag()[i];
                digest.update((tag == null ? "\u0000" : tag + "\u0000").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
