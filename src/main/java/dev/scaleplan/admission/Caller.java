package dev.scaleplan.admission;

import java.util.List;

import dev.scaleplan.keys.AuthenticatedKey;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who a request counts against: its API key, or, for a request without one (when the endpoint allows
 * it), the client's address.
 *
 * @param id the bucket key: {@code key:7} or {@code address:10.0.0.3}
 * @param keyId the API key's id, null without a key
 * @param unlimited whether the key holds a scope that is not rate limited
 */
public record Caller(String id, Long keyId, boolean unlimited) {

    /** The caller of the request on this thread. */
    static Caller of(HttpServletRequest request, List<String> unlimitedScopes) {
        return AuthenticatedKey.current()
                .map(key -> new Caller("key:" + key.id(), key.id(),
                        key.scopes().stream().anyMatch(scope -> unlimitedScopes.contains(scope.id()))))
                .orElseGet(() -> new Caller("address:" + request.getRemoteAddr(), null, false));
    }
}
