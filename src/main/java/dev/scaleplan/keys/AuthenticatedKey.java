package dev.scaleplan.keys;

import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The API key a request was made with: the principal of its authentication, so that limits and
 * records can name the key without its secret.
 *
 * @param id the key's id, as {@code GET /keys} lists it
 * @param scopes what the key may do
 */
public record AuthenticatedKey(long id, List<Scope> scopes) {

    public AuthenticatedKey {
        scopes = List.copyOf(scopes);
    }

    /** The key of the request on this thread, if it was made with one. */
    public static Optional<AuthenticatedKey> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AuthenticatedKey key
                ? Optional.of(key) : Optional.empty();
    }

    public boolean hasScope(Scope scope) {
        return scopes.contains(scope);
    }

    @Override
    public String toString() {
        return "api key " + id;
    }
}
