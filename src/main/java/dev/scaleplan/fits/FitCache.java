package dev.scaleplan.fits;

import java.util.Objects;
import java.util.Optional;

import dev.scaleplan.config.CacheConfig;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitLaws;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * Parsed stored fits by id (the Caffeine cache {@value CacheConfig#FITS}), so that predictions and plans do
 * not re-read and re-parse a fit's draws. Stored fits never change, but they do disappear (with their
 * project), on any replica: so the cache only saves the parsing. {@link FitService} serves an entry only
 * after a primary-key query has shown that the fit still exists in PostgreSQL under the same project, and
 * fit ids are never reused.
 */
final class FitCache {

    /** A stored fit with its parsed {@link Fit} and its laws (null for other kinds); weighs about the numbers it holds. */
    record Entry(FitRepository.StoredFit stored, Fit fit, FitLaws laws) implements CacheConfig.Weighted {

        Entry(FitRepository.StoredFit stored, Fit fit) {
            this(stored, fit, fit == null ? null : fit.laws());
        }

        @Override
        public int weight() {
            // The stored document and the parsed fit each hold the draws and residuals.
            // The stored document, the parsed fit and its laws each hold the draws; the first two the residuals.
            return fit == null ? 1_000 : 1_000 + 3 * (fit.runsUsed() + fit.bootstrapSize() * fit.estimate().length);
        }
    }

    private final Cache cache;

    FitCache(CacheManager caches) {
        this.cache = Objects.requireNonNull(caches.getCache(CacheConfig.FITS), CacheConfig.FITS);
    }

    /** The entry of {@code fitId} if cached for {@code projectId}. */
    Optional<Entry> get(String projectId, long fitId) {
        Entry entry = cache.get(fitId, Entry.class);
        return entry != null && entry.stored().projectId().equals(projectId) ? Optional.of(entry) : Optional.empty();
    }

    void put(Entry entry) {
        cache.put(entry.stored().id(), entry);
    }

    void evict(long fitId) {
        cache.evict(fitId);
    }
}
