package dev.scaleplan.config;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * In-memory caches (Caffeine, through Spring's cache abstraction), each bounded in size and, where
 * another replica can change the truth, in age.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
public class CacheConfig {

    /**
     * Active API keys' scopes, by secret hash. Entries live at most {@link #KEY_REVOCATION_BOUND}, so a
     * key revoked through any replica stops working everywhere within that time (at once on the
     * replica that revoked it).
     */
    public static final String API_KEYS = "api-keys";

    static final Duration KEY_REVOCATION_BOUND = Duration.ofSeconds(5);

    /**
     * Parsed fits, by fit id. No age bound: a fit never changes, and every read checks in PostgreSQL
     * that it still exists before using the entry. Bounded by weight (about the doubles held).
     */
    public static final String FITS = "fits";

    /** About 64 MB of parsed draws and residuals. */
    static final long FITS_MAX_WEIGHT = 8_000_000;

    /** A cache value that knows its rough size, in doubles held. */
    public interface Weighted {
        int weight();
    }

    @Bean
    CacheManager cacheManager() {
        CaffeineCacheManager manager = new CaffeineCacheManager();
        manager.setAllowNullValues(false);
        manager.registerCustomCache(API_KEYS, Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(KEY_REVOCATION_BOUND).build());
        manager.registerCustomCache(FITS, Caffeine.newBuilder().maximumWeight(FITS_MAX_WEIGHT)
                .weigher((Object key, Object value) -> value instanceof Weighted weighted ? weighted.weight() : 1)
                .build());
        return manager;
    }
}
