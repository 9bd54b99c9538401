package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Shared checks on fits. */
final class FitAssertions {

    private FitAssertions() {
    }

    /** Every number in the fit is finite. */
    static void assertAllFinite(Fit fit) {
        assertThat(new double[] {fit.objective(), fit.huberDelta(), fit.quality().rmseLogLoss(), fit.quality().aic(),
                fit.quality().bic(), fit.quality().residualStd(), fit.confidenceLevel(), fit.flopsPerToken(),
                fit.ranges().parameters().min(), fit.ranges().parameters().max(), fit.ranges().tokens().min(),
                fit.ranges().tokens().max(), fit.ranges().flops().min(), fit.ranges().flops().max()}).satisfies(FitAssertions::finite);
        for (Map<String, Estimate> estimates : java.util.List.of(fit.parameters(), fit.derived())) {
            estimates.forEach((name, estimate) -> assertThat(new double[] {estimate.estimate(), estimate.lower(),
                    estimate.upper()}).as(name).satisfies(FitAssertions::finite));
        }
        assertThat(fit.estimate()).satisfies(FitAssertions::finite);
        assertThat(fit.residuals()).satisfies(FitAssertions::finite);
        for (double[] draw : fit.draws()) {
            assertThat(draw).satisfies(FitAssertions::finite);
        }
        if (fit.holdout() != null) {
            assertThat(new double[] {fit.holdout().flopsThreshold(), fit.holdout().rmseLogLoss(),
                    fit.holdout().meanAbsoluteRelativeError()}).satisfies(FitAssertions::finite);
        }
    }

    static void finite(double[] values) {
        for (double value : values) {
            assertThat(Double.isFinite(value)).as("finite: %s", java.util.Arrays.toString(values)).isTrue();
        }
    }

    /** The outcome is a fit; returns it. */
    static Fit assertFit(FitOutcome outcome) {
        assertThat(outcome).isInstanceOf(Fit.class);
        Fit fit = (Fit) outcome;
        assertAllFinite(fit);
        return fit;
    }

    /** Relative distance. */
    static double relativeError(double actual, double expected) {
        return Math.abs(actual / expected - 1);
    }
}
