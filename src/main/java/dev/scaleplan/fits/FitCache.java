package dev.scaleplan.fits;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.scaleplan.fitting.Fit;

/**
 * Parsed stored fits by id, so that predictions and plans do not re-read and re-parse a fit's draws.
 * Stored fits never change, but they do disappear (with their project), on any replica: so the cache
 * only saves the parsing. {@link FitService} serves an entry only after a primary-key query has shown
 * that the fit still exists in PostgreSQL under the same project, and fit ids are never reused.
 * Bounded; cleared whole when full (the simplest policy; a Caffeine cache can replace this class).
 */
final class FitCache {

    /** A stored fit with its parsed {@link Fit}. */
    record Entry(FitRepository.StoredFit stored, Fit fit) {
    }

    private final int capacity;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    FitCache(int capacity) {
        this.capacity = capacity;
    }

    /** The entry of {@code fitId} if cached for {@code projectId}. */
    Optional<Entry> get(String projectId, long fitId) {
        Entry entry = entries.get(fitId);
        return entry != null && entry.stored().projectId().equals(projectId) ? Optional.of(entry) : Optional.empty();
    }

    void put(Entry entry) {
        if (entries.size() >= capacity) {
            entries.clear();
        }
        entries.put(entry.stored().id(), entry);
    }

    void evict(long fitId) {
        entries.remove(fitId);
    }

    int size() {
        return entries.size();
    }
}
