package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Out-of-sample coverage of the calibrated band: IsoFLOP-style sweeps drawn from Besiroglu et al.'s
 * Chinchilla law with log-normal noise, fitted up to 1e22 FLOPs and asked about runs at 1e23 to 1e24
 * (10× to 100× beyond the largest fitted run), over many seeds.
 */
class CalibratedBandCoverageTest {

    static final int SEEDS = 40;
    static final double LEVEL = 0.9;
    static final double SIGMA = 0.015;

    private final ScalingLawFitter fitter = new ScalingLawFitter();
    private final LawForm chinchilla = LawForms.require("chinchilla");

    /** Coverage and widths summed over seeds. */
    record Tally(int covered, int total, int bootstrapCovered, double widthRatioToPrediction,
                 double widthRatioToConfidence) {
    }

    @Test
    void calibratedNinetyPercentBandCoversEightyFiveToNinetyFivePercentOfRunsBeyondTenfoldExtrapolation() {
        Tally tally = run(SEEDS);
        double coverage = (double) tally.covered() / tally.total();
        System.out.printf(Locale.ROOT, "Calibrated 90%% band, runs 10-100x beyond the fit, %d seeds: covered %d of %d "
                        + "(%.1f%%); bootstrap prediction band covered %d (%.1f%%); mean width ratio calibrated/bootstrap "
                        + "prediction %.2f, calibrated/bootstrap confidence %.2f%n", SEEDS, tally.covered(), tally.total(),
                100 * coverage, tally.bootstrapCovered(), 100.0 * tally.bootstrapCovered() / tally.total(),
                tally.widthRatioToPrediction(), tally.widthRatioToConfidence());
        assertThat(coverage).isBetween(0.85, 0.95);
    }

    Tally run(int seeds) {
        int covered = 0;
        int total = 0;
        int bootstrapCovered = 0;
        double ratioPrediction = 0;
        double ratioConfidence = 0;
        int widths = 0;
        // The grid is screened once: the basins of one sweep serve as starts for every seed's sweep of the
        // same law (screening itself is tested in MultiStartTest), which keeps this test to seconds.
        List<double[]> basins = fitter.basins(chinchilla, sweep(18, 22, SIGMA, 0), FitOptions.defaults());
        for (int seed = 1; seed <= seeds; seed++) {
            FitData fitted = sweep(18, 22, SIGMA, seed);
            FitData heldOut = sweep(23, 24, SIGMA, 1000 + seed);
            FitOptions options = FitOptions.defaults().withBootstrap(20).withHoldoutFraction(0).withSeed(seed);
            Fit fit = (Fit) fitter.fitFrom(chinchilla, fitted, options, basins);
            List<Backtest.Point> points = new LawBacktest(fitter).run(chinchilla, fitted, options, 0, basins);
            ExtrapolationError error = ExtrapolationError.calibrate(points, LEVEL).orElseThrow();
            FitLaws laws = fit.laws();
            double largest = fit.ranges().flops().max();
            for (int i = 0; i < heldOut.size(); i++) {
                double n = heldOut.parameters()[i];
                double d = heldOut.tokens()[i];
                double loss = heldOut.loss()[i];
                double distance = ExtrapolationError.distance(heldOut.flops()[i], fit.ranges().flops().min(), largest);
                Estimate calibrated = error.band(laws.best().loss(n, d), distance);
                Estimate prediction = laws.predict(n, d, Band.PREDICTION);
                Estimate confidence = laws.predict(n, d, Band.CONFIDENCE);
                total++;
                covered += calibrated.lower() <= loss && loss <= calibrated.upper() ? 1 : 0;
                bootstrapCovered += prediction.lower() <= loss && loss <= prediction.upper() ? 1 : 0;
                double width = Math.log(calibrated.upper() / calibrated.lower());
                ratioPrediction += width / Math.log(prediction.upper() / prediction.lower());
                ratioConfidence += width / Math.log(confidence.upper() / confidence.lower());
                widths++;
            }
        }
        return new Tally(covered, total, bootstrapCovered, ratioPrediction / widths, ratioConfidence / widths);
    }

    /**
     * Seven model sizes per budget, budgets every half decade from 10^from to 10^to FLOPs, tokens per
     * parameter from about 4 to 100 around Chinchilla's 20; loss times {@code exp(σ·z)}.
     */
    static FitData sweep(int fromDecade, int toDecade, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> runs = new ArrayList<>();
        for (double exponent = fromDecade; exponent <= toDecade + 1e-9; exponent += 0.5) {
            double flops = Math.pow(10, exponent);
            double optimal = Math.sqrt(flops / (6 * 20));
            for (int s = -3; s <= 3; s++) {
                double n = optimal * Math.pow(10, 0.25 * s);
                double d = flops / (6 * n);
                double loss = SyntheticRuns.BESIROGLU.loss(n, d) * Math.exp(sigma * gaussian(random));
                runs.add(new double[] {n, d, loss});
            }
        }
        return FitData.withEstimatedFlops(runs.stream().mapToDouble(r -> r[0]).toArray(),
                runs.stream().mapToDouble(r -> r[1]).toArray(), runs.stream().mapToDouble(r -> r[2]).toArray(), 6);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
