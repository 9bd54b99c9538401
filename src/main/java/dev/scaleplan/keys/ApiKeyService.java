package dev.scaleplan.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists, revokes and checks API keys. Secrets are 256 random bits, so a single SHA-256
 * is a sufficient hash (a slow password hash would only add latency to every request).
 */
@Service
public class ApiKeyService {

    static final String SECRET_PREFIX = "sp_";
    private static final int MIN_BOOTSTRAP_LENGTH = 16;
    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);

    private final ApiKeyRepository keys;
    private final ActiveKeys active;
    private final SecureRandom random = new SecureRandom();

    ApiKeyService(ApiKeyRepository keys, ActiveKeys active) {
        this.keys = keys;
        this.active = active;
    }

    @Transactional
    public CreatedApiKey create(CreateApiKeyRequest request) {
        List<String> scopes = request.scopes().stream().distinct().toList();
        String secret = newSecret();
        ApiKey key = keys.insert(request.name().strip(), prefixOf(secret), hash(secret), scopes);
        log.info("Created API key {} ({}) with scopes {}", key.id(), key.name(), scopes);
        return new CreatedApiKey(key, secret);
    }

    public PageResponse<ApiKey> list(PageRequest page) {
        return PageResponse.of(keys.page(page.offset(), page.size()), page, keys.count());
    }

    @Transactional
    public void revoke(long id) {
        if (!keys.revoke(id)) {
            throw keys.exists(id) ? new ApiException(dev.scaleplan.web.ProblemType.CONFLICT,
                    "API key " + id + " is already revoked") : ApiException.notFound("API key", id);
        }
        active.forgetAll();
        log.info("Revoked API key {}", id);
    }

    /** The active key with this secret; a key revoked on another replica may pass for up to 5 s. */
    public Optional<AuthenticatedKey> authenticate(String secret) {
        if (secret.isEmpty() || secret.length() > 512) {
            return Optional.empty();
        }
        return active.find(hash(secret)).map(key -> new AuthenticatedKey(key.id(),
                key.scopes().stream().map(Scope::parse).toList()));
    }

    /**
     * Makes sure an admin key exists: the configured bootstrap secret, or, when none is configured
     * and no active admin key exists, a new one printed once in the log.
     */
    @Transactional
    public void ensureAdminKey(String bootstrapKey) {
        if (bootstrapKey != null && !bootstrapKey.isBlank()) {
            if (bootstrapKey.length() < MIN_BOOTSTRAP_LENGTH) {
                throw new IllegalStateException("SCALEPLAN_BOOTSTRAP_KEY must be at least " + MIN_BOOTSTRAP_LENGTH
                        + " characters long");
            }
            if (!keys.existsByHash(hash(bootstrapKey))) {
                // No prefix: it would show part of a secret a person chose (and may use elsewhere).
                keys.insert("bootstrap", null, hash(bootstrapKey), List.of("admin"));
                log.info("Registered the admin key from SCALEPLAN_BOOTSTRAP_KEY");
            }
            return;
        }
        if (!keys.anyActiveAdmin()) {
            String secret = newSecret();
            ApiKey key = keys.insert("generated-admin", prefixOf(secret), hash(secret), List.of("admin"));
            log.warn("""

                    ==========================================================================
                    No admin API key existed, so one was generated (key id {}). It is shown
                    only now; store it safely and use it as  Authorization: Bearer <key>

                        {}

                    Set SCALEPLAN_BOOTSTRAP_KEY to choose the first admin key yourself.
                    ==========================================================================""",
                    key.id(), secret);
        }
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String prefixOf(String secret) {
        return secret.substring(0, Math.min(7, secret.length()));
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
