package dev.scaleplan.keys;

import java.util.List;
import java.util.Optional;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;

/**
 * Which secret hashes belong to active keys, looked up once per hash every few seconds rather than
 * on every request: the {@code api-keys} cache keeps a found key at most 5 s (config/CacheConfig), so
 * a revocation on another replica takes effect within 5 s. Unknown hashes are not cached.
 */
@Component
class ActiveKeys {

    private final ApiKeyRepository keys;

    /** An active key's id and scopes. */
    record Active(long id, List<String> scopes) {
    }

    ActiveKeys(ApiKeyRepository keys) {
        this.keys = keys;
    }

    @Cacheable(cacheNames = "api-keys", key = "#secretHash", unless = "#result == null")
    public Optional<Active> find(String secretHash) {
        return keys.activeKey(secretHash);
    }

    /** After a revocation here: no key is trusted from this replica's cache any longer. */
    @CacheEvict(cacheNames = "api-keys", allEntries = true)
    public void forgetAll() {
    }
}
