package dev.scaleplan.admission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Per-key and per-project token buckets (Bucket4j), one pair per operation, held in this replica's
 * memory: with several replicas behind a load balancer each enforces its share. A request takes one
 * token from its key's bucket and one from its project's; when either is empty it is refused with 429,
 * {@code Retry-After} and the rate-limit headers of draft-ietf-httpapi-ratelimit-headers
 * ({@code RateLimit-Policy: "fits-key";q=30;w=60}, {@code RateLimit: "fits-key";r=29;t=2}).
 */
@Component
class RateLimits {

    /** What a request was allowed: the headers to answer with. */
    record Admitted(HttpHeaders headers) {
    }

    private final AdmissionProperties properties;
    private final MeterRegistry meters;
    // Idle buckets are forgotten after an hour: a forgotten bucket is a full one, which is what an hour refills.
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).build();

    RateLimits(AdmissionProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
    }

    /** Takes a token for {@code caller} and for {@code projectId} (null: no project), or refuses with 429. */
    Admitted admit(Operation operation, Caller caller, String projectId) {
        if (!properties.enabled() || caller.unlimited()) {
            return new Admitted(new HttpHeaders());
        }
        List<Taken> taken = new ArrayList<>(2);
        Taken byKey = take(operation, "key", caller.id(), properties.perKey().of(operation));
        taken.add(byKey);
        if (byKey.probe.isConsumed() && projectId != null) {
            Taken byProject = take(operation, "project", projectId, properties.perProject().of(operation));
            taken.add(byProject);
            if (!byProject.probe.isConsumed()) {
                byKey.bucket.addTokens(1);
            }
        }
        HttpHeaders headers = headers(operation, taken);
        Taken refused = taken.stream().filter(t -> !t.probe.isConsumed()).findFirst().orElse(null);
        if (refused == null) {
            return new Admitted(headers);
        }
        Counter.builder("scaleplan.requests.refused").description("Requests refused by admission")
                .tag("operation", operation.id()).tag("reason", refused.scope + "-rate-limit").register(meters)
                .increment();
        Duration retryAfter = Duration.ofNanos(refused.probe.getNanosToWaitForRefill());
        throw AdmissionRefused.tooMany(String.format(Locale.ROOT, "Too many %s requests for this %s: at most %d per "
                        + "%s; retry after %d s", operation.id(), refused.scope, refused.limit.requests(),
                        words(refused.limit.period()), AdmissionRefused.seconds(retryAfter)), retryAfter, headers,
                Map.of("limit", operation.id() + "-" + refused.scope));
    }

    private record Taken(String scope, AdmissionProperties.Limit limit, Bucket bucket, ConsumptionProbe probe) {
    }

    private Taken take(Operation operation, String scope, String who, AdmissionProperties.Limit limit) {
        Bucket bucket = buckets.get(operation.id() + "|" + scope + "|" + who, any -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.requests()).refillGreedy(limit.requests(),
                        limit.period()))
                .build());
        return new Taken(scope, limit, bucket, bucket.tryConsumeAndReturnRemaining(1));
    }

    /** The policies that applied and what is left of each. */
    private static HttpHeaders headers(Operation operation, List<Taken> taken) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("RateLimit-Policy", taken.stream().map(t -> String.format(Locale.ROOT, "\"%s-%s\";q=%d;w=%d",
                operation.id(), t.scope, t.limit.requests(), t.limit.period().toSeconds())).collect(Collectors.joining(", ")));
        headers.set("RateLimit", taken.stream().map(t -> String.format(Locale.ROOT, "\"%s-%s\";r=%d;t=%d",
                operation.id(), t.scope, t.probe.getRemainingTokens(),
                AdmissionRefused.seconds(Duration.ofNanos(t.probe.isConsumed() ? t.probe.getNanosToWaitForReset()
                        : t.probe.getNanosToWaitForRefill())))).collect(Collectors.joining(", ")));
        return headers;
    }

    private static String words(Duration period) {
        long seconds = period.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
