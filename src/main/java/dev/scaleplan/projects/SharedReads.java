package dev.scaleplan.projects;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One read of a key for all the callers that asked while none had begun: each caller gets the answer of a read
 * that started after it asked, so it sees every write committed before its call, exactly as a read of its own
 * would, while concurrent callers of one key share the round trip. A read of a key waits for the key's previous
 * read to finish, and callers gather meanwhile: under load, a prediction's check of its project's revision is one
 * query for every few requests instead of one each.
 */
final class SharedReads<K, V> {

    /** Beyond this many keys the table is cleared: an idle key costs a map entry, not a thread or a connection. */
    private static final int MAX_KEYS = 10_000;

    private final Function<K, V> read;
    private final ConcurrentMap<K, Slot<V>> slots = new ConcurrentHashMap<>();

    SharedReads(Function<K, V> read) {
        this.read = read;
    }

    /** The value a read started after this call gives; the read's exception when it fails. */
    V get(K key) {
        if (slots.size() > MAX_KEYS) {
            slots.clear(); // a caller holding a dropped slot still gets a read begun after it asked
        }
        Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
        CompletableFuture<V> round;
        boolean lead;
        synchronized (slot) {
            lead = slot.open == null;
            if (lead) {
                slot.open = new CompletableFuture<>();
            }
            round = slot.open;
        }
        if (lead) {
            slot.reading.lock();
            try {
                synchronized (slot) {
                    slot.open = null; // callers from now on wait for the next read
                }
                round.complete(read.apply(key));
            } catch (RuntimeException | Error e) {
                round.completeExceptionally(e);
            } finally {
                slot.reading.unlock();
            }
        }
        try {
            return round.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static final class Slot<V> {
        /** The round callers join: its read has not begun. */
        private CompletableFuture<V> open;
        /** Held while a read of the key runs. */
        private final ReentrantLock reading = new ReentrantLock();
    }
}
