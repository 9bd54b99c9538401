package dev.scaleplan.keys;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scaleplan.web.ProblemType;
import dev.scaleplan.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>}. A missing header leaves the request
 * anonymous (open endpoints stay open); a wrong key is a 401 at once; a database outage is a 503.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeyService keys;
    private final ProblemWriter problems;

    public ApiKeyAuthenticationFilter(ApiKeyService keys, ProblemWriter problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            unauthorized(request, response, "Use 'Authorization: Bearer <api key>'");
            return;
        }
        Optional<List<Scope>> scopes;
        try {
            scopes = keys.authenticate(header.substring(BEARER.length()).strip());
        } catch (DataAccessException e) {
            problems.write(response, ProblemType.SERVICE_UNAVAILABLE, "The database is unavailable; retry shortly",
                    request.getRequestURI(), Map.of());
            return;
        }
        if (scopes.isEmpty()) {
            unauthorized(request, response, "The API key is unknown or revoked");
            return;
        }
        List<SimpleGrantedAuthority> authorities = scopes.get().stream()
                .map(scope -> new SimpleGrantedAuthority(scope.authority())).toList();
        var authentication = UsernamePasswordAuthenticationToken.authenticated("api-key", null, authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        problems.write(response, ProblemType.UNAUTHORIZED, detail, request.getRequestURI(),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));
    }
}
