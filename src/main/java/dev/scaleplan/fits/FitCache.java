package dev.scaleplan.fits;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.scaleplan.config.CacheConfig;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitLaws;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * Parsed stored fits by id (the Caffeine cache {@value CacheConfig#FITS}), so that predictions and plans do
 * not re-read and re-parse a fit's draws. Stored fits never change, and they disappear only with their
 * project (on any replica). {@link FitLookup} serves an entry once PostgreSQL has shown the fit in the
 * project as it exists now (the same creation instant, read with the project's revision on every request),
 * so a fit of a deleted project is a 404 at once, also after the project was re-created under the same id;
 * fit ids are never reused.
 */
final class FitCache {

    /**
     * A stored fit with its parsed {@link Fit} and its laws (null for other kinds); weighs about the numbers
     * it holds. {@code seenIn}: the creation instant of the project in which PostgreSQL last showed the fit
     * (null until then), so that the fit need not be looked up again while that project exists.
     */
    record Entry(StoredFit stored, Fit fit, FitLaws laws, Instant seenIn) implements CacheConfig.Weighted {

        /** A fit just made, not yet known to be committed. */
        Entry(StoredFit stored, Fit fit) {
            this(stored, fit, fit == null ? null : fit.laws(), null);
        }

        /** A stored fit read from PostgreSQL in the project created at {@code seenIn}, its law fit parsed. */
        static Entry of(StoredFit stored, Instant seenIn) {
            Fit fit = stored.match(law -> law.document().toFit(), isoflop -> null, downstream -> null);
            return new Entry(stored, fit, fit == null ? null : fit.laws(), seenIn);
        }

        Entry seenIn(Instant projectCreatedAt) {
            return new Entry(stored, fit, laws, projectCreatedAt);
        }

        @Override
        public int weight() {
            // About the numbers held: the stored document, the parsed fit and its laws each hold the draws,
            // and the document and the fit the residuals; an IsoFLOP analysis keeps its run ids and its
            // parabolas per draw, a downstream fit three parameters per draw.
            long numbers = stored.match(
                    law -> fit == null ? 0L : 3L * fit.bootstrapSize() * fit.estimate().length + 3L * fit.runsUsed(),
                    isoflop -> 2L * isoflop.analysis().runsUsed() + (long) isoflop.analysis().bootstrapSize()
                            * (4L * isoflop.analysis().budgets().size() + 2),
                    downstream -> 2L * downstream.fit().runsUsed() + 4L * downstream.fit().bootstrapSize());
            return (int) Math.min(Integer.MAX_VALUE, 1_000 + numbers);
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
