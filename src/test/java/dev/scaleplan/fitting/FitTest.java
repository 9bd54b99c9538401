package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FitTest {

    private static Fit fit(String form, double[] estimate, double[][] draws) {
        Map<String, Estimate> parameters = new LinkedHashMap<>();
        return new Fit(form, parameters, Map.of(), 0.1, Objective.HUBER, 1e-3, 10, new DataRanges(new Range(1, 2),
                new Range(1, 2), new Range(1, 2)), new FitQuality(0.01, -10, -8, 0.01), null, draws.length, 0.9, estimate, draws,
                new double[] {0.01, -0.01}, 7, 6, null);
    }

    @Test
    void rejectsAnUnknownFormOrInconsistentArrays() {
        double[] chinchilla = {1.69, 406.4, 410.7, 0.34, 0.28};
        assertThatThrownBy(() -> fit("nope", chinchilla, new double[0][])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fit("kaplan", chinchilla, new double[0][])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fit("chinchilla", chinchilla, new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isImmutable() {
        double[] estimate = {1.69, 406.4, 410.7, 0.34, 0.28};
        double[][] draws = {estimate.clone()};
        Fit fit = fit("chinchilla", estimate, draws);

        estimate[0] = 99;
        draws[0][0] = 99;
        fit.estimate()[0] = 99;
        fit.draws()[0][0] = 99;

        assertThat(fit.estimate()[0]).isEqualTo(1.69);
        assertThat(fit.draws()[0][0]).isEqualTo(1.69);
        assertThatThrownBy(() -> fit.parameters().put("E", Estimate.exact(1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withoutDrawsBandsHaveZeroWidthButPredictionBandsStillAddResidualScatter() {
        Fit fit = fit("chinchilla", new double[] {1.69, 406.4, 410.7, 0.34, 0.28}, new double[0][]);

        Estimate confidence = fit.predict(1e9, 2e10, Band.CONFIDENCE);
        Estimate prediction = fit.predict(1e9, 2e10, Band.PREDICTION);

        assertThat(confidence.lower()).isEqualTo(confidence.estimate()).isEqualTo(confidence.upper());
        assertThat(prediction.lower()).isLessThan(prediction.estimate());
        assertThat(prediction.upper()).isGreaterThan(prediction.estimate());
    }
}
