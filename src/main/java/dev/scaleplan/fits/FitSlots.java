package dev.scaleplan.fits;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * A bounded number of fits run at once per replica. Fit jobs run on that many scheduler threads and
 * wait here only if a fit made on a request thread holds a slot; a request thread never waits
 * longer than {@code queue-timeout} (default: not at once) and gets a 503 with {@code Retry-After}.
 */
@Component
class FitSlots {

    private final Semaphore slots;
    private final FittingProperties properties;

    FitSlots(FittingProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.slots = new Semaphore(properties.maxConcurrent(), true);
        Gauge.builder("scaleplan.fits.waiting", slots, Semaphore::getQueueLength)
                .description("Fit requests waiting for a slot").register(meters);
    }

    <T> T run(Supplier<T> fit) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(properties.queueTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ApiException(ProblemType.SERVICE_UNAVAILABLE,
                    "All fitting slots are busy; retry in a few seconds", java.util.List.of(),
                    java.util.Map.of("retryAfterSeconds", 5));
        }
        try {
            return fit.get();
        } finally {
            slots.release();
        }
    }

    /** Runs {@code fit} when a slot is free, waiting as long as it takes: for job threads, never request threads. */
    <T> T runWhenFree(Supplier<T> fit) throws InterruptedException {
        slots.acquire();
        try {
            return fit.get();
        } finally {
            slots.release();
        }
    }
}
