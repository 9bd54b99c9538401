package dev.scaleplan.fits;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FitRequestJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aRequestOfTheLossIsStoredAsBeforeTargetsExistedSoReuseStillFindsOlderFits() {
        String stored = json.writeValueAsString(new FitRequest("chinchilla", null, null, 200, null, 42L, null, null,
                null, null));
        assertThat(stored).doesNotContain("target").doesNotContain("\"from\"").contains("\"metric\":null");
    }

    @Test
    void aTargetAndAPredictorAreStoredAndReadBack() {
        FitRequest request = new FitRequest("downstream", null, null, 60, null, 1L, null, null, "arc_acc", "sigmoid",
                null, "arc_bpb");
        FitRequest read = json.readValue(json.writeValueAsString(request), FitRequest.class);
        assertThat(read).isEqualTo(request);
        assertThat(read.from()).isEqualTo("arc_bpb");
    }
}
