package dev.scaleplan.runs;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of one run upload, validated at start-up.
 *
 * @param maxBodyBytes the largest request body accepted (413 beyond); 1KB to 2GB
 * @param maxRunsPerUpload the most runs one upload may hold (413 beyond); at least 1
 */
@Validated
@ConfigurationProperties("scaleplan.ingest")
public record IngestProperties(@DefaultValue("64MB") @NotNull DataSize maxBodyBytes,
                               @DefaultValue("200000") @Min(1) @Max(100_000_000) int maxRunsPerUpload) {

    @AssertTrue(message = "max-body-bytes must be between 1KB and 2GB")
    public boolean isMaxBodyBytesInRange() {
        return maxBodyBytes == null || maxBodyBytes.toBytes() >= 1024
                && maxBodyBytes.toBytes() <= DataSize.ofGigabytes(2).toBytes();
    }
}
