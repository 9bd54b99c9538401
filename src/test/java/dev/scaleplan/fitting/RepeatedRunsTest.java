package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatedRunsTest {

    private static final double[] TOKENS = {1e9, 2e9, 4e9, 8e9, 1e10, 2e10, 4e10, 8e10};

    @Test
    void leavesOutRunsBeyondFourEpochsAndSaysHowMany() {
        double[] unique = {1e9, 1e9, 1e9, 1e9, 1e10, 1e10, 1e10, 1e10};

        RepeatedRuns.Screen screen = RepeatedRuns.forFreshDataLaw("chinchilla", TOKENS, unique, 6);

        assertThat(screen.kept()).containsExactly(0, 1, 2, 4, 5, 6);
        assertThat(screen.leftOut()).isEqualTo(2);
        assertThat(screen.warning()).startsWith("2 of the 8 runs repeat their unique tokens more than 4 times (up to 8"
                + " epochs) and were left out");
    }

    @Test
    void keepsThemWithAWarningWhenTooFewRunsWouldRemain() {
        double[] unique = {1e8, 1e8, 1e8, 1e8, 1e8, 1e10, 1e10, 1e10};

        RepeatedRuns.Screen screen = RepeatedRuns.forFreshDataLaw("kaplan", TOKENS, unique, 6);

        assertThat(screen.kept()).hasSize(8);
        assertThat(screen.leftOut()).isZero();
        assertThat(screen.warning()).contains("were kept and bend the law");
    }

    @Test
    void freshRunsAndTheDataConstrainedFormKeepEveryRun() {
        assertThat(RepeatedRuns.forFreshDataLaw("chinchilla", TOKENS, TOKENS, 6).warning()).isNull();
        RepeatedRuns.Screen screen = RepeatedRuns.screen(LawForms.require("data-constrained"), TOKENS,
                new double[] {1e8, 1e8, 1e8, 1e8, 1e8, 1e8, 1e8, 1e8});
        assertThat(screen.kept()).hasSize(8);
        assertThat(screen.warning()).isNull();
    }
}
