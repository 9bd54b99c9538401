package dev.scaleplan.admission;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * This replica's slots for work that holds memory or cores for long: renders and expensive reads
 * (backtests, dataset comparisons). Taken without waiting; none free is a 503 with {@code Retry-After},
 * so no number of such requests queues up request threads or memory.
 */
@Component
public class Slots {

    /** The kinds of slot. */
    public enum Kind {
        RENDER("render", "plots being drawn"),
        EXPENSIVE_READ("expensive-read", "backtests and dataset comparisons being computed");

        private final String id;
        private final String what;

        Kind(String id, String what) {
            this.id = id;
            this.what = what;
        }
    }

    /** A held slot: close it when the work is done. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<Kind, Semaphore> slots = new EnumMap<>(Kind.class);
    private final AdmissionProperties properties;
    private final MeterRegistry meters;

    Slots(AdmissionProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        slots.put(Kind.RENDER, new Semaphore(properties.slots().renders()));
        slots.put(Kind.EXPENSIVE_READ, new Semaphore(properties.slots().expensiveReads()));
        for (Kind kind : Kind.values()) {
            Gauge.builder("scaleplan.slots.busy", slots.get(kind), s -> capacity(kind) - s.availablePermits())
                    .tag("kind", kind.id).description("Slots in use on this replica").register(meters);
        }
    }

    private int capacity(Kind kind) {
        return kind == Kind.RENDER ? properties.slots().renders() : properties.slots().expensiveReads();
    }

    /** A slot of {@code kind}, or a 503 when all are busy. */
    public Held take(Kind kind) {
        Semaphore semaphore = slots.get(kind);
        if (!semaphore.tryAcquire()) {
            Counter.builder("scaleplan.requests.refused").description("Requests refused by admission")
                    .tag("operation", kind.id).tag("reason", "slots-busy").register(meters).increment();
            throw AdmissionRefused.busy("All " + capacity(kind) + " slots for " + kind.what
                    + " are busy on this replica; retry shortly", properties.slots().retryAfter());
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                semaphore.release();
            }
        };
    }
}
