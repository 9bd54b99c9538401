package dev.scaleplan.web;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits every request body meets while it is read (run uploads have their own size limit,
 * {@code scaleplan.ingest.max-body-bytes}), and how many request threads serve them. Validated at start-up.
 *
 * @param maxBodyBytes the largest body of any other request: projects, fits, plans and keys are kilobytes (413 beyond)
 * @param bodyReadTimeout how long reading a body may take before the request is answered 408
 * @param uploadReadTimeout the same for run uploads, which may be large
 * @param workersPerCore Tomcat request threads per core ({@code server.tomcat.threads.max}, when set, wins).
 *                       No request waits on a thread for a fit or a backtest, so a few per core keep the
 *                       cores busy without the queueing tail of Tomcat's default 200 (see BENCHMARKS.md)
 * @param probePort a second port answering the liveness probe on a thread of its own ({@link ProbePort}):
 *                  -1 for none (the default), 0 for any free port
 */
@Validated
@ConfigurationProperties("scaleplan.web")
public record WebLimits(@DefaultValue("64KB") @NotNull DataSize maxBodyBytes,
                        @DefaultValue("30s") @NotNull Duration bodyReadTimeout,
                        @DefaultValue("10m") @NotNull Duration uploadReadTimeout,
                        @DefaultValue("4") @Min(1) @Max(256) int workersPerCore,
                        @DefaultValue("-1") @Min(-1) @Max(65535) int probePort) {

    @AssertTrue(message = "max-body-bytes must be between 1KB and 16MB")
    public boolean isMaxBodyBytesInRange() {
        return maxBodyBytes == null || maxBodyBytes.toBytes() >= 1024
                && maxBodyBytes.toBytes() <= DataSize.ofMegabytes(16).toBytes();
    }

    @AssertTrue(message = "body-read-timeout and upload-read-timeout must be between 1s and 1h")
    public boolean isReadTimeoutsInRange() {
        return inRange(bodyReadTimeout) && inRange(uploadReadTimeout);
    }

    private static boolean inRange(Duration timeout) {
        return timeout == null || timeout.compareTo(Duration.ofSeconds(1)) >= 0 && timeout.compareTo(Duration.ofHours(1)) <= 0;
    }
}
