package dev.scaleplan.fits;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on fitting work, so that expensive requests cannot starve the service. Validated at start-up:
 * a value outside these bounds stops the service with a message naming the property.
 *
 * @param maxRuns the most runs one fit may use (422 beyond; filter the runs)
 * @param maxConcurrent fits computed at once; each already uses every core (0 would make every fit a 503)
 * @param queueTimeout how long a fit made on a request thread (a plan's implicit first fit) waits for a
 *                     slot before a 503 with Retry-After (0 to 5 minutes; 0 refuses at once). Fit jobs
 *                     queue in the database instead.
 * @param timeBudget the longest one fit may compute (1 s to 24 h); a fit that reaches it stops and fails
 *                   with reason {@code time-budget-exceeded}
 */
@Validated
@ConfigurationProperties("scaleplan.fitting")
public record FittingProperties(@DefaultValue("50000") @Min(1) int maxRuns,
                                @DefaultValue("2") @Min(1) @Max(256) int maxConcurrent,
                                @DefaultValue("0s") @NotNull Duration queueTimeout,
                                @DefaultValue("5m") @NotNull Duration timeBudget) {

    private static final Duration MAX_QUEUE_TIMEOUT = Duration.ofMinutes(5);

    @AssertTrue(message = "queue-timeout must be between 0s and 5m")
    public boolean isQueueTimeoutInRange() {
        return queueTimeout == null || !queueTimeout.isNegative() && queueTimeout.compareTo(MAX_QUEUE_TIMEOUT) <= 0;
    }

    @AssertTrue(message = "time-budget must be between 1s and 24h")
    public boolean isTimeBudgetInRange() {
        return timeBudget == null || timeBudget.compareTo(Duration.ofSeconds(1)) >= 0
                && timeBudget.compareTo(Duration.ofHours(24)) <= 0;
    }
}
