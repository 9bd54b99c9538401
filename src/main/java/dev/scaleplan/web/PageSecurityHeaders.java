package dev.scaleplan.web;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The Content-Security-Policy of the built-in page ({@code /}, {@code /index.html}, {@code /app/**}):
 * scripts and styles only from this origin (no inline script, no eval), images from here or from
 * blob URLs (the plots, fetched with the key), calls only to this origin, no framing.
 */
public final class PageSecurityHeaders {

    public static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private PageSecurityHeaders() {
    }

    public static HeaderWriter writer() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new DelegatingRequestMatcherHeaderWriter(
                new OrRequestMatcher(paths.matcher("/"), paths.matcher("/index.html"), paths.matcher("/app/**")),
                new StaticHeadersWriter("Content-Security-Policy", POLICY));
    }
}
