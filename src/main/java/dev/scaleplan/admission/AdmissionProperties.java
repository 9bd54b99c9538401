package dev.scaleplan.admission;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.validation.annotation.Validated;

/**
 * Admission limits ({@code scaleplan.admission.*}). Rate limits are token buckets per replica: a key
 * may make {@code requests} of an operation per {@code period}, refilled evenly; a project's bucket
 * counts every key's requests on it.
 *
 * @param enabled false turns every rate limit off (queue depth and slots still apply)
 * @param unlimitedScopes keys holding one of these scopes are not rate limited (operators); queue depth
 *                        and slots still apply to them
 * @param perKey requests per key and operation
 * @param perProject requests per project and operation, all keys together
 * @param queue how many fit jobs may wait
 * @param slots how many renders and expensive reads may run at once on this replica
 */
@Validated
@ConfigurationProperties("scaleplan.admission")
public record AdmissionProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("admin") List<String> unlimitedScopes,
                                  @DefaultValue @Valid PerKey perKey,
                                  @DefaultValue @Valid PerProject perProject,
                                  @DefaultValue @Valid Queue queue,
                                  @DefaultValue @Valid Slots slots) {

    /**
     * One token bucket: {@code requests} per {@code period}, written {@code 30/1m} in configuration.
     */
    public record Limit(int requests, Duration period) {

        public Limit {
            if (requests < 1 || period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a limit is a positive number of requests per positive period, "
                        + "such as 30/1m");
            }
        }

        /** Parses {@code REQUESTS/PERIOD}, such as {@code 30/1m} or {@code 1000/1h}. */
        public static Limit valueOf(String text) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("'" + text + "' is not REQUESTS/PERIOD, such as 30/1m");
            }
            return new Limit(Integer.parseInt(text.substring(0, slash).strip()),
                    DurationStyle.detectAndParse(text.substring(slash + 1).strip()));
        }

        @Override
        public String toString() {
            return requests + "/" + period;
        }
    }

    /** The limit of each rate-limited operation, per key or per project. */
    public sealed interface OperationLimits permits PerKey, PerProject {

        Limit fits();

        Limit backtests();

        Limit comparisons();

        Limit renders();

        Limit exports();

        /** The configured limit of {@code operation}. */
        default Limit of(Operation operation) {
            return switch (operation) {
                case FITS -> fits();
                case BACKTESTS -> backtests();
                case COMPARISONS -> comparisons();
                case RENDERS -> renders();
                case EXPORTS -> exports();
            };
        }
    }

    /** Per-key limits; defaults let one person work the page and a script poll, not flood. */
    public record PerKey(@DefaultValue("30/1m") Limit fits,
                         @DefaultValue("20/1m") Limit backtests,
                         @DefaultValue("10/1m") Limit comparisons,
                         @DefaultValue("120/1m") Limit renders,
                         @DefaultValue("10/1m") Limit exports) implements OperationLimits {
    }

    /** Per-project limits, shared by every key working on the project. */
    public record PerProject(@DefaultValue("60/1m") Limit fits,
                             @DefaultValue("40/1m") Limit backtests,
                             @DefaultValue("20/1m") Limit comparisons,
                             @DefaultValue("240/1m") Limit renders,
                             @DefaultValue("20/1m") Limit exports) implements OperationLimits {
    }

    /**
     * Fit-job queue depth.
     *
     * @param perKey queued (not yet running) jobs one key may have, over all projects
     * @param perProject queued jobs one project may have, over all keys
     * @param retryAfter what {@code Retry-After} says when the queue is full
     */
    public record Queue(@DefaultValue("16") @Min(1) int perKey,
                        @DefaultValue("32") @Min(1) int perProject,
                        @DefaultValue("10s") @NotNull Duration retryAfter) {
    }

    /**
     * Concurrent work per replica, beyond which requests are refused with 503.
     *
     * @param renders plots drawn at once
     * @param expensiveReads backtests and dataset comparisons computed at once; each also needs a fitting
     *                       slot, so with fewer of these than {@code scaleplan.fitting.max-concurrent} reads
     *                       never hold every fitting slot
     * @param retryAfter what {@code Retry-After} says when no slot is free
     */
    public record Slots(@DefaultValue("4") @Min(1) int renders,
                        @DefaultValue("1") @Min(1) int expensiveReads,
                        @DefaultValue("5s") @NotNull Duration retryAfter) {
    }
}
