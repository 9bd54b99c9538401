package dev.scaleplan.crosscheck;

import dev.scaleplan.web.ApiEstimate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgreementVerdictTest {

    private static Agreement.Method method(long fitId, double a, double lower, double upper, boolean stale) {
        return new Agreement.Method(fitId, new ApiEstimate(a, lower, upper),
                new ApiEstimate(1 - a, 1 - upper, 1 - lower), stale);
    }

    @Test
    void intervalsThatTouchOverlapAndDisjointOnesDoNot() {
        assertThat(AgreementService.overlaps(new ApiEstimate(0.5, 0.45, 0.55),
                new ApiEstimate(0.6, 0.55, 0.65))).isTrue();
        assertThat(AgreementService.overlaps(new ApiEstimate(0.5, 0.45, 0.54),
                new ApiEstimate(0.6, 0.55, 0.65))).isFalse();
        assertThat(AgreementService.overlaps(new ApiEstimate(0.6, 0.55, 0.65),
                new ApiEstimate(0.5, 0.45, 0.54))).isFalse();
    }

    @Test
    void disagreementSaysWhichWayTheIsoflopAnalysisLeansAndNamesBothFits() {
        String note = AgreementService.note(method(14, 0.62, 0.58, 0.66, false), method(12, 0.50, 0.48, 0.52, false),
                false);
        assertThat(note).contains("disagree beyond their exponent intervals").contains("a = 0.620 [0.580, 0.660] (isoflop fit 14)")
                .contains("0.500 [0.480, 0.520] (chinchilla fit 12)").contains("more of extra compute into parameters")
                .doesNotContain("\n");
    }

    @Test
    void agreementMentionsAStaleFit() {
        String note = AgreementService.note(method(14, 0.51, 0.48, 0.55, true), method(12, 0.50, 0.48, 0.52, false),
                true);
        assertThat(note).startsWith("The exponent intervals of Approach 2 (IsoFLOP) and Approach 3 (parametric fit) overlap")
                .contains("Runs changed since isoflop fit 14");
    }
}
