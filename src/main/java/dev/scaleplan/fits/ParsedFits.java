package dev.scaleplan.fits;

import java.util.Optional;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;

/**
 * Stored fits parsed once (a fit's JSON with its bootstrap draws is the costly part of a prediction):
 * the {@code fits} cache, at most 256 fits. A stored fit never changes; whether it still exists is
 * checked in the database on every use ({@link FitRepository#exists}), so a deleted fit is never served.
 */
@Component
class ParsedFits {

    private final FitRepository fits;

    ParsedFits(FitRepository fits) {
        this.fits = fits;
    }

    @Cacheable(cacheNames = "fits", key = "#projectId + '/' + #fitId", unless = "#result == null")
    public Optional<FitRepository.StoredFit> find(String projectId, long fitId) {
        return fits.find(projectId, fitId);
    }
}
