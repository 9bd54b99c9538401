package dev.scaleplan.keys;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.scaleplan.config.CacheConfig;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * Which secret hashes belong to active keys, looked up once per hash every few seconds rather than
 * on every request: the {@code api-keys} cache keeps a found key at most 5 s (config/CacheConfig), so
 * a revocation on another replica takes effect within 5 s. Unknown hashes are not cached. The cache is
 * used directly rather than through {@code @Cacheable}, whose expressions were evaluated on every request.
 */
@Component
class ActiveKeys {

    private final ApiKeyRepository keys;
    private final Cache cache;

    /** An active key's id and scopes. */
    record Active(long id, List<String> scopes) {
    }

    ActiveKeys(ApiKeyRepository keys, CacheManager caches) {
        this.keys = keys;
        this.cache = Objects.requireNonNull(caches.getCache(CacheConfig.API_KEYS), CacheConfig.API_KEYS);
    }

    public Optional<Active> find(String secretHash) {
        Active known = cache.get(secretHash, Active.class);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Active> found = keys.activeKey(secretHash);
        found.ifPresent(key -> cache.put(secretHash, key));
        return found;
    }

    /** After a revocation here: no key is trusted from this replica's cache any longer. */
    public void forgetAll() {
        cache.clear();
    }
}
