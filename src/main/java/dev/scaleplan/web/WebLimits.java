package dev.scaleplan.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits every request body meets while it is read (run uploads have their own size limit,
 * {@code scaleplan.ingest.max-body-bytes}).
 *
 * @param maxBodyBytes the largest body of any other request: projects, fits, plans and keys are kilobytes (413 beyond)
 * @param bodyReadTimeout how long reading a body may take before the request is answered 408
 * @param uploadReadTimeout the same for run uploads, which may be large
 */
@ConfigurationProperties("scaleplan.web")
public record WebLimits(@DefaultValue("64KB") DataSize maxBodyBytes,
                        @DefaultValue("30s") Duration bodyReadTimeout,
                        @DefaultValue("10m") Duration uploadReadTimeout) {
}
