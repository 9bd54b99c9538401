package dev.scaleplan.planning;

import dev.scaleplan.fitting.IsoFlopLaw;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IsoFlopPlanningTests {

    /** N* = 0.1·C^0.5, L* = 30·C^−0.05, κ = 0.05 (in ln N), k = 6. */
    private final IsoFlopLaw law = new IsoFlopLaw(Math.log(0.1), 0.5, Math.log(30), -0.05, 0.05, 6);

    @Test
    void computeOptimalAllocationIsTheFittedFrontier() {
        for (double flops : new double[] {1e19, 1e22, 1e25}) {
            Allocation allocation = ComputeOptimal.allocation(law, flops, 6).orElseThrow();
            assertThat(allocation.parameters() / law.optimalParameters(flops)).isCloseTo(1, within(1e-6));
            assertThat(allocation.tokens() / law.optimalTokens(flops)).isCloseTo(1, within(1e-6));
            assertThat(allocation.loss()).isCloseTo(law.optimalLoss(flops), within(1e-9));
        }
    }

    @Test
    void targetLossFindsTheComputeWhoseOptimumReachesIt() {
        double flops = 3e23;
        Allocation allocation = TargetLoss.computeOptimal(law, law.optimalLoss(flops), 6).orElseThrow();
        assertThat(allocation.flops() / flops).isCloseTo(1, within(1e-6));
    }
}
