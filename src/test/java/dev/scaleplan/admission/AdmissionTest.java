package dev.scaleplan.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

class AdmissionTest {

    private static AdmissionProperties properties(String exportsPerKey, String exportsPerProject, int renders) {
        AdmissionProperties.Limit other = AdmissionProperties.Limit.valueOf("100/1m");
        return new AdmissionProperties(true, List.of("admin"),
                new AdmissionProperties.PerKey(other, other, other, other, AdmissionProperties.Limit.valueOf(exportsPerKey)),
                new AdmissionProperties.PerProject(other, other, other, other,
                        AdmissionProperties.Limit.valueOf(exportsPerProject)),
                new AdmissionProperties.Queue(2, 3, Duration.ofSeconds(10)),
                new AdmissionProperties.Slots(renders, 1, Duration.ofSeconds(5)));
    }

    @Test
    void limitsAreWrittenAsRequestsPerPeriod() {
        assertThat(AdmissionProperties.Limit.valueOf("30/1m"))
                .isEqualTo(new AdmissionProperties.Limit(30, Duration.ofMinutes(1)));
        assertThat(AdmissionProperties.Limit.valueOf(" 1000 / 1h ").period()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> AdmissionProperties.Limit.valueOf("30")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdmissionProperties.Limit.valueOf("0/1m")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyBeyondItsBucketIsRefusedWith429RetryAfterAndRateLimitHeaders() {
        RateLimits limits = new RateLimits(properties("2/1m", "100/1m", 1), new SimpleMeterRegistry());
        Caller caller = new Caller("key:7", 7L, false);
        RateLimits.Admitted first = limits.admit(Operation.EXPORTS, caller, "p");
        assertThat(first.headers().getFirst("RateLimit-Policy"))
                .isEqualTo("\"exports-key\";q=2;w=60, \"exports-project\";q=100;w=60");
        assertThat(first.headers().getFirst("RateLimit")).startsWith("\"exports-key\";r=1;t=");
        limits.admit(Operation.EXPORTS, caller, "p");

        assertThatThrownBy(() -> limits.admit(Operation.EXPORTS, caller, "p")).isInstanceOfSatisfying(
                AdmissionRefused.class, refused -> {
                    assertThat(refused.type().status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    // One token comes back every 30 s.
                    assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isBetween(29L, 30L);
                    assertThat(refused.properties()).containsEntry("limit", "exports-key");
                });
        // Another key, another bucket; an operation's bucket is not another's.
        limits.admit(Operation.EXPORTS, new Caller("key:8", 8L, false), "p");
        limits.admit(Operation.RENDERS, caller, "p");
    }

    @Test
    void aProjectsBucketCountsEveryKeyAndARefusalByItReturnsTheKeysToken() {
        RateLimits limits = new RateLimits(properties("2/1m", "3/1m", 1), new SimpleMeterRegistry());
        Caller one = new Caller("key:1", 1L, false);
        Caller two = new Caller("key:2", 2L, false);
        limits.admit(Operation.EXPORTS, one, "p");
        limits.admit(Operation.EXPORTS, two, "p");
        limits.admit(Operation.EXPORTS, two, "p");
        assertThatThrownBy(() -> limits.admit(Operation.EXPORTS, one, "p")).isInstanceOfSatisfying(
                AdmissionRefused.class, refused -> assertThat(refused.properties()).containsEntry("limit", "exports-project"));
        // The refused request did not spend key 1's second token.
        limits.admit(Operation.EXPORTS, one, "other-project");
    }

    @Test
    void unlimitedCallersAndDisabledLimitsPassWithoutHeaders() {
        RateLimits limits = new RateLimits(properties("1/1m", "1/1m", 1), new SimpleMeterRegistry());
        Caller admin = new Caller("key:1", 1L, true);
        for (int i = 0; i < 5; i++) {
            assertThat(limits.admit(Operation.EXPORTS, admin, "p").headers().isEmpty()).isTrue();
        }
    }

    @Test
    void slotsBeyondTheirNumberAre503WithRetryAfterAndComeBackWhenClosed() {
        Slots slots = new Slots(properties("1/1m", "1/1m", 2), new SimpleMeterRegistry());
        Slots.Held first = slots.take(Slots.Kind.RENDER);
        Slots.Held second = slots.take(Slots.Kind.RENDER);
        assertThatThrownBy(() -> slots.take(Slots.Kind.RENDER)).isInstanceOfSatisfying(AdmissionRefused.class,
                refused -> {
                    assertThat(refused.type().status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("5");
                    assertThat(refused.getMessage()).contains("All 2 slots");
                });
        slots.take(Slots.Kind.EXPENSIVE_READ).close();
        first.close();
        first.close();
        slots.take(Slots.Kind.RENDER);
        assertThatThrownBy(() -> slots.take(Slots.Kind.RENDER)).isInstanceOf(AdmissionRefused.class);
        second.close();
    }

    @Test
    void queueDepthIsBoundedPerKeyAndPerProject() {
        QueueDepth depth = new QueueDepth(properties("1/1m", "1/1m", 1), new SimpleMeterRegistry());
        depth.admit(7L, 1, 2);
        assertThatThrownBy(() -> depth.admit(7L, 2, 0)).isInstanceOfSatisfying(AdmissionRefused.class,
                refused -> assertThat(refused.properties()).containsEntry("limit", "queue-key"));
        assertThatThrownBy(() -> depth.admit(null, 0, 3)).isInstanceOfSatisfying(AdmissionRefused.class,
                refused -> assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("10"));
    }

    @Test
    void theTableNamesEachExpensiveRequestAndItsProject() {
        assertThat(route("POST", "/api/v1/projects/p1/fits", null)).isEqualTo(Operation.FITS);
        assertThat(route("GET", "/api/v1/projects/p1/fits", null)).isNull();
        assertThat(route("GET", "/api/v1/projects/p1/fits/3/backtest", null)).isEqualTo(Operation.BACKTESTS);
        assertThat(route("GET", "/api/v1/projects/p1/datasets/comparison", null)).isEqualTo(Operation.COMPARISONS);
        assertThat(route("GET", "/api/v1/projects/p1/fits/3/plots/isoflop", null)).isEqualTo(Operation.RENDERS);
        assertThat(route("GET", "/api/v1/projects/p1/plans/9/plot", null)).isEqualTo(Operation.RENDERS);
        assertThat(route("GET", "/api/v1/projects/p1/runs/export", null)).isEqualTo(Operation.EXPORTS);
        assertThat(route("GET", "/api/v1/projects/p1/runs", "text/csv")).isEqualTo(Operation.EXPORTS);
        assertThat(route("GET", "/api/v1/projects/p1/runs", "application/json")).isNull();
        assertThat(route("GET", "/api/v1/projects/p1/runs", "*/*")).isNull();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/projects/p1/fits/3/plots/residuals");
        AdmittedRequests.Route route = AdmittedRequests.of(request).orElseThrow();
        assertThat(route.projectId(org.springframework.http.server.PathContainer.parsePath(request.getRequestURI())))
                .isEqualTo("p1");
        assertThat(route.slot()).isEqualTo(Slots.Kind.RENDER);
    }

    private static Operation route(String method, String path, String accept) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        return AdmittedRequests.of(request).map(AdmittedRequests.Route::operation).orElse(null);
    }
}
