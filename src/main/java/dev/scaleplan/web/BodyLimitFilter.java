package dev.scaleplan.web;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body while it is read, before authentication: a declared length beyond the
 * endpoint's limit is a 413 at once, a body that grows beyond it a 413 as soon as it does, and one
 * that trickles in a 408. Run uploads get their size limit from the ingest settings (checked as
 * they are parsed) and a longer read timeout. An error answered before the body was read says
 * {@code Connection: close}, and {@link UnreadBodyValve} keeps Tomcat from draining it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@EnableConfigurationProperties(WebLimits.class)
class BodyLimitFilter extends OncePerRequestFilter {

    /** {@code POST /api/v1/projects/{id}/runs}: the one endpoint that takes large bodies. */
    private static final Pattern UPLOAD = Pattern.compile(ApiPaths.V1 + "/projects/[^/]+/runs/?");

    private final WebLimits limits;
    private final ProblemWriter problems;

    BodyLimitFilter(WebLimits limits, ProblemWriter problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = "POST".equals(request.getMethod()) && UPLOAD.matcher(request.getRequestURI()).matches();
        long limit = upload ? Long.MAX_VALUE : limits.maxBodyBytes().toBytes();
        long timeout = (upload ? limits.uploadReadTimeout() : limits.bodyReadTimeout()).toNanos();
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (!hasBody) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            problems.write(response, ProblemType.PAYLOAD_TOO_LARGE, "The request body of " + request.getContentLengthLong()
                    + " bytes exceeds the limit of " + limit + " bytes for this endpoint", request.getRequestURI(), Map.of());
            return;
        }
        Bounded bounded = new Bounded(request, limit, timeout);
        chain.doFilter(bounded, new CloseOnEarlyError(response, bounded));
    }

    /** The request with its body bounded. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private final long timeout;
        private BoundedBody body;

        Bounded(HttpServletRequest request, long limit, long timeout) {
            super(request);
            this.limit = limit;
            this.timeout = timeout;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new BoundedBody(super.getInputStream(), limit, timeout);
            }
            return body;
        }

        boolean bodyUnread() {
            return body == null || !body.finished();
        }
    }

    /** Adds {@code Connection: close} to an error status set while the body is still unread. */
    private static final class CloseOnEarlyError extends HttpServletResponseWrapper {
        private final Bounded request;

        CloseOnEarlyError(HttpServletResponse response, Bounded request) {
            super(response);
            this.request = request;
        }

        @Override
        public void setStatus(int status) {
            closeIfEarly(status);
            super.setStatus(status);
        }

        @Override
        public void sendError(int status) throws IOException {
            closeIfEarly(status);
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            closeIfEarly(status);
            super.sendError(status, message);
        }

        private void closeIfEarly(int status) {
            if (status >= 400 && request.bodyUnread() && !isCommitted()) {
                setHeader(HttpHeaders.CONNECTION, "close");
            }
        }
    }
}
