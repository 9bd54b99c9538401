package dev.scaleplan.fitting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EffectiveDataTest {

    private static final ChinchillaLaw REFERENCE = SyntheticRuns.BESIROGLU;

    @Test
    void dataTermScaledByQIsWorthQToTheMinusOneOverBetaTokens() {
        double q = 0.8;
        ChinchillaLaw better = new ChinchillaLaw(REFERENCE.irreducibleLoss(), REFERENCE.parameterCoefficient(),
                REFERENCE.tokenCoefficient() * q, REFERENCE.alpha(), REFERENCE.beta());
        // E + A/N^α + qB/D^β = E + A/N^α + B/D_ref^β  ⇒  D_ref/D = q^(−1/β), at every N and D.
        double expected = Math.pow(q, -1 / REFERENCE.beta());
        assertThat(EffectiveData.multiplier(better, REFERENCE, 1e9, 2e10)).isCloseTo(expected, within(1e-9));
        assertThat(EffectiveData.multiplier(better, REFERENCE, 7e10, 1.4e12)).isCloseTo(expected, within(1e-9));
        assertThat(EffectiveData.multiplier(REFERENCE, better, 1e9, 2e10)).isCloseTo(1 / expected, within(1e-9));
        assertThat(EffectiveData.multiplier(REFERENCE, REFERENCE, 1e9, 2e10)).isCloseTo(1, within(1e-12));
    }

    @Test
    void isNaNWhenTheReferenceCannotReachTheLossWithAnyData() {
        ChinchillaLaw lowFloor = new ChinchillaLaw(1.0, REFERENCE.parameterCoefficient(), REFERENCE.tokenCoefficient(),
                REFERENCE.alpha(), REFERENCE.beta());
        assertThat(EffectiveData.multiplier(lowFloor, REFERENCE, 1e12, 1e14)).isNaN();
    }
}
