package dev.scaleplan.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * One RFC 9457 answer before it is written: its type (which gives status and title), detail, field
 * errors, extension members, and how long a client should wait before retrying (null: no
 * {@code Retry-After}). {@link ProblemMapper} makes them; the advice, {@code /error}, the filters and
 * the Tomcat valve only write them.
 */
public record Problem(ProblemType type, String detail, List<ProblemError> errors, Map<String, Object> properties,
                      Integer retryAfterSeconds) {

    /** Seconds a client waits after a 503 before it retries. */
    static final int RETRY_AFTER_UNAVAILABLE = 5;

    public Problem {
        errors = List.copyOf(errors);
        properties = Map.copyOf(properties);
    }

    /** A problem of {@code type}; a 503 asks the client to retry after {@value #RETRY_AFTER_UNAVAILABLE} seconds. */
    public static Problem of(ProblemType type, String detail) {
        return of(type, detail, List.of(), Map.of());
    }

    public static Problem of(ProblemType type, String detail, List<ProblemError> errors, Map<String, Object> properties) {
        return new Problem(type, detail, errors, properties,
                type == ProblemType.SERVICE_UNAVAILABLE ? RETRY_AFTER_UNAVAILABLE : null);
    }

    /** As Spring MVC serialises it (its Jackson mix-in puts the properties at the top level). */
    public ProblemDetail toProblemDetail(URI instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        problem.setInstance(instance);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** The members in RFC 9457's order, for writers without Spring's mix-in (the Tomcat valve). */
    public Map<String, Object> members() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", type.uri().toString());
        members.put("title", type.title());
        members.put("status", type.status().value());
        members.put("detail", detail);
        if (!errors.isEmpty()) {
            members.put("errors", errors);
        }
        members.putAll(properties);
        return members;
    }

    /** The headers this problem is answered with besides its content type. */
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        if (retryAfterSeconds != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        return headers;
    }

    public ResponseEntity<Object> toResponse(URI instance) {
        return ResponseEntity.status(type.status()).headers(headers()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(toProblemDetail(instance));
    }

    /** An instance URI from a request path, or null when the path is not a URI (the firewall rejected it). */
    static URI instance(Object path) {
        try {
            return path == null ? null : URI.create(path.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
