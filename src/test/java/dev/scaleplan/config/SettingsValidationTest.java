package dev.scaleplan.config;

import dev.scaleplan.fits.FittingProperties;
import dev.scaleplan.runs.IngestProperties;
import dev.scaleplan.web.WebLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code scaleplan.*} setting outside its bounds stops start-up with a message naming the property,
 * instead of, say, {@code max-concurrent=0} turning every fit into a 503.
 */
class SettingsValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({FittingProperties.class, IngestProperties.class, EmbeddedDatabaseProperties.class,
            WebLimits.class})
    static class Settings {
    }

    /** With the application's own application.yml, as the service binds them. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Settings.class);

    @Test
    void theShippedDefaultsAreValid() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(FittingProperties.class).maxConcurrent()).isEqualTo(2);
            assertThat(context.getBean(IngestProperties.class).maxRunsPerUpload()).isEqualTo(200_000);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "scaleplan.fitting.max-concurrent=0      | maxConcurrent      | must be greater than or equal to 1",
            "scaleplan.fitting.max-runs=-1           | maxRuns            | must be greater than or equal to 1",
            "scaleplan.fitting.queue-timeout=-5s     | queueTimeoutInRange | queue-timeout must be between 0s and 5m",
            "scaleplan.fitting.queue-timeout=1h      | queueTimeoutInRange | queue-timeout must be between 0s and 5m",
            "scaleplan.ingest.max-runs-per-upload=0  | maxRunsPerUpload   | must be greater than or equal to 1",
            "scaleplan.ingest.max-body-bytes=10B     | maxBodyBytesInRange | max-body-bytes must be between 1KB and 2GB",
            "scaleplan.embedded-database.port=70000  | port               | must be less than or equal to 65535",
            "scaleplan.web.max-body-bytes=0B         | maxBodyBytesInRange | max-body-bytes must be between 1KB and 16MB",
            "scaleplan.web.body-read-timeout=0s      | readTimeoutsInRange | body-read-timeout and upload-read-timeout must be between 1s and 1h"})
    void anOutOfBoundsSettingStopsStartUpNamingIt(String setting, String field, String message) {
        runner.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof BindValidationException)) {
                failure = failure.getCause();
            }
            assertThat(failure).as("a BindValidationException for " + setting).isNotNull();
            BindValidationException invalid = (BindValidationException) failure;
            assertThat(invalid.getValidationErrors().getAllErrors()).singleElement().satisfies(error -> {
                assertThat(error.getDefaultMessage()).isEqualTo(message);
                assertThat(error.getCodes()).anyMatch(code -> code.endsWith("." + field));
            });
        });
    }
}
