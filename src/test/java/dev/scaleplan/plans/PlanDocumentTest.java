package dev.scaleplan.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.scaleplan.web.ApiEstimate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stored plan documents: today's version round-trips, and a row written before plans had a version still reads. */
class PlanDocumentTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsARowWrittenBeforePlansHadAVersion() throws IOException {
        PlanDocument document = json.readValue(fixture("plan-result-v1.json"), PlanDocument.class);

        assertThat(document.version()).isNull();
        Plan plan = document.plan();
        assertThat(plan.fitId()).isEqualTo(12);
        assertThat(plan.allocation()).isEqualTo(new Plan.Allocation(7.2e10, 1.33e12, 5.76e23, 18.4));
        assertThat(plan.uncertainty().predictedLoss()).isEqualTo(new ApiEstimate(1.93, 1.9, 1.96));
        assertThat(plan.uncertainty().draws()).isEqualTo(new PlanResponse.Draws(198, 200));
        assertThat(plan.spend().cost()).isEqualTo(1843200.0);
        assertThat(plan.spend().hardware().accelerator()).isEqualTo("h100-sxm");
        assertThat(plan.alternatives()).singleElement()
                .satisfies(alternative -> assertThat(alternative.plannedTokensPerParameter()).isEqualTo(0.38));
        assertThat(plan.routed().moe()).isNull();
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void theCurrentVersionIsFlatAndRoundTrips() throws IOException {
        Plan plan = json.readValue(fixture("plan-result-v1.json"), PlanDocument.class).plan();

        String written = json.writeValueAsString(PlanDocument.of(plan));
        JsonNode tree = json.readTree(written);
        PlanDocument read = json.readValue(written, PlanDocument.class);

        assertThat(tree.get("version").asInt()).isEqualTo(PlanDocument.CURRENT_VERSION);
        assertThat(tree.get("plannedTokensPerParameter").asDouble()).isEqualTo(18.4);
        assertThat(tree.has("allocation")).isFalse();
        assertThat(tree.has("id")).isFalse();
        assertThat(read.plan()).isEqualTo(plan);
        assertThat(new PlanResponse(7, read.plan(), null).plan().warnings()).isEqualTo(List.of());
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = PlanDocumentTest.class.getResourceAsStream("/plans/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
