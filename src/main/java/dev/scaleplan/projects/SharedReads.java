package dev.scaleplan.projects;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * One read of a key for all the callers that asked while none had begun: each caller gets the answer of a read
 * that started after it asked, so it sees every write committed before its call, exactly as a read of its own
 * would, while concurrent callers of one key share the round trip. A read of a key waits for the key's previous
 * read to finish, and callers gather meanwhile: under load, a prediction's check of its project's revision is one
 * query for every few requests instead of one each.
 */
final class SharedReads<K, V> {

    /**
     * Keys kept. An evicted key's callers still each get a read begun after they asked; a caller arriving after the
     * eviction starts a new slot, whose read may then run beside the old one's.
     */
    private static final int KEYS_KEPT = 10_000;

    private final Function<K, V> read;
    private final Cache<K, Slot<V>> slots = Caffeine.newBuilder().maximumSize(KEYS_KEPT).build();

    SharedReads(Function<K, V> read) {
        this.read = read;
    }

    /** The value a read started after this call gives; the read's exception when it fails. */
    V get(K key) {
        Slot<V> slot = slots.get(key, k -> new Slot<>());
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
