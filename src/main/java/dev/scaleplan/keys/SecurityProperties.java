package dev.scaleplan.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access control.
 *
 * @param bootstrapKey the first admin key's secret ({@code SCALEPLAN_BOOTSTRAP_KEY}); when unset and no admin key
 *                     exists, one is generated at start and printed once in the log
 * @param prometheusPublic whether {@code /actuator/prometheus} is open (true) or needs a key with scope read
 */
@ConfigurationProperties("scaleplan.security")
public record SecurityProperties(String bootstrapKey, @DefaultValue("true") boolean prometheusPublic) {
}
