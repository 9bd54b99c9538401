package dev.scaleplan.fits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.Range;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Stored fit documents: today's version round-trips, and a row written as version 1 (the bare fit, no version field) still reads. */
class FitDocumentTest {

    private final FitRepository repository = new FitRepository(null);
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsARowWrittenByVersionOne() throws IOException {
        FitRequest request = json.readValue(fixture("fit-request-v1.json"), FitRequest.class);

        FitDocument document = repository.readDocument(fixture("fit-result-v1.json"), request);

        assertThat(document.version()).isEqualTo(FitDocument.CURRENT_VERSION);
        assertThat(document.resamples().bootstrapRequested()).isEqualTo(3);
        assertThat(document.derived()).containsKey(LawForms.OPTIMAL_TOKENS_PER_PARAMETER)
                .doesNotContainKey(FitDocument.V1_TOKENS_PER_PARAMETER);
        assertThat(document.derived().get(LawForms.OPTIMAL_TOKENS_PER_PARAMETER).estimate())
                .isEqualTo(18.343710349875202);
        assertThat(document.spans().tokensPerParameterRange()).isNull();
        assertThat(document.lowestLoss()).isNull();
        Fit fit = document.toFit();
        assertThat(fit.form()).isEqualTo("chinchilla");
        assertThat(fit.estimate()).containsExactly(1.8630669089494432, 562.2270268362452, 3760.6588211061003,
                0.3591125718810119, 0.3950552685053959);
        assertThat(fit.draws()).hasNumberOfRows(3);
        assertThat(fit.residuals()).hasSize(15);
        assertThat(fit.holdout().runsHeldOut()).isEqualTo(3);
        assertThat(fit.law().loss(7e10, 1.4e12)).isBetween(1.9, 2.1);
        // The interval of A spans 665 to 2087 (3×): no conditioning warning for this healthy fit.
        assertThat(document.warnings()).isEmpty();
    }

    @Test
    void theCurrentVersionRoundTripsThroughJson() throws IOException {
        FitRequest request = json.readValue(fixture("fit-request-v1.json"), FitRequest.class);
        Fit fit = repository.readDocument(fixture("fit-result-v1.json"), request).toFit();
        FitDocument written = FitDocument.of(fit, 3, new Range(5, 80), 2.04, List.of("a warning"));

        FitDocument read = repository.readDocument(json.writeValueAsString(written), request);

        assertThat(read.version()).isEqualTo(2);
        assertThat(read.toFit()).isEqualTo(fit);
        assertThat(read.spans().tokensPerParameterRange()).isEqualTo(new FitDocument.Span(5, 80));
        assertThat(read.lowestLoss()).isEqualTo(2.04);
        assertThat(read.warnings()).containsExactly("a warning");
        assertThat(read.derived()).isEqualTo(written.derived());
    }

    @Test
    void aSummaryHasNoDrawsAndCannotBecomeAFit() throws IOException {
        FitRequest request = json.readValue(fixture("fit-request-v1.json"), FitRequest.class);
        String withoutBulk = fixture("fit-result-v1.json").replaceAll("\"draws\": \\[\\[.*?]], ", "")
                .replaceAll("\"residuals\": \\[.*?], ", "");
        assertThat(withoutBulk).doesNotContain("draws").doesNotContain("residuals");

        FitDocument summary = repository.readDocument(withoutBulk, request);

        assertThat(summary.draws()).isNull();
        assertThat(summary.parameters()).containsKeys("E", "A", "B", "alpha", "beta");
        assertThatIllegalStateException().isThrownBy(summary::toFit);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = FitDocumentTest.class.getResourceAsStream("/fits/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
