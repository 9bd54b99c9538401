package dev.scaleplan.admission;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.http.HttpHeaders;

/**
 * A request admission turned away: 429 beyond a key's or project's limits, 503 beyond this replica's
 * slots. Carries the headers that tell the client when to come back.
 */
public class AdmissionRefused extends ApiException {

    private final HttpHeaders headers;

    AdmissionRefused(ProblemType type, String detail, Duration retryAfter, HttpHeaders rateLimitHeaders,
                     Map<String, Object> properties) {
        super(type, detail, List.of(), withRetry(properties, retryAfter));
        this.headers = new HttpHeaders();
        this.headers.addAll(rateLimitHeaders);
        this.headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
    }

    /** Beyond a key's or project's rate limit or queue depth. */
    static AdmissionRefused tooMany(String detail, Duration retryAfter, HttpHeaders rateLimitHeaders,
                                    Map<String, Object> properties) {
        return new AdmissionRefused(ProblemType.TOO_MANY_REQUESTS, detail, retryAfter, rateLimitHeaders, properties);
    }

    /** Beyond this replica's slots for the work. */
    static AdmissionRefused busy(String detail, Duration retryAfter) {
        return new AdmissionRefused(ProblemType.SERVICE_UNAVAILABLE, detail, retryAfter, new HttpHeaders(), Map.of());
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** Whole seconds, rounded up, at least 1: {@code Retry-After} is an integer and 0 invites a hot loop. */
    static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    private static Map<String, Object> withRetry(Map<String, Object> properties, Duration retryAfter) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(properties);
        all.put("retryAfterSeconds", seconds(retryAfter));
        return all;
    }
}
