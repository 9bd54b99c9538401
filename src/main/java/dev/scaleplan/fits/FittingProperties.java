package dev.scaleplan.fits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on fitting work, so that expensive requests cannot starve the service.
 *
 * @param maxRuns the most runs one fit may use (422 beyond; filter the runs)
 * @param maxConcurrent fits computed at once; each already uses every core
 * @param queueTimeout how long a fit request waits for a slot before a 503 with Retry-After
 */
@ConfigurationProperties("scaleplan.fitting")
public record FittingProperties(@DefaultValue("50000") int maxRuns,
                                @DefaultValue("2") int maxConcurrent,
                                @DefaultValue("30s") Duration queueTimeout) {
}
