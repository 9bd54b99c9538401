package dev.scaleplan.fits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on fitting work, so that expensive requests cannot starve the service.
 *
 * @param maxRuns the most runs one fit may use (422 beyond; filter the runs)
 * @param maxConcurrent fits computed at once; each already uses every core
 * @param queueTimeout how long a fit made on a request thread (a plan's implicit first fit) waits for a
 *                     slot before a 503 with Retry-After; 0 refuses at once. Fit jobs queue in the database instead.
 * @param timeBudget the longest one fit may compute; a fit that reaches it stops and fails with reason
 *                   {@code time-budget-exceeded}
 */
@ConfigurationProperties("scaleplan.fitting")
public record FittingProperties(@DefaultValue("50000") int maxRuns,
                                @DefaultValue("2") int maxConcurrent,
                                @DefaultValue("0s") Duration queueTimeout,
                                @DefaultValue("5m") Duration timeBudget) {
}
