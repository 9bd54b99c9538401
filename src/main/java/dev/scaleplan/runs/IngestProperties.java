package dev.scaleplan.runs;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of one run upload.
 *
 * @param maxBodyBytes the largest request body accepted (413 beyond)
 * @param maxRunsPerUpload the most runs one upload may hold (413 beyond)
 */
@ConfigurationProperties("scaleplan.ingest")
public record IngestProperties(@DefaultValue("64MB") DataSize maxBodyBytes,
                               @DefaultValue("200000") int maxRunsPerUpload) {
}
