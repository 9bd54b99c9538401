package dev.scaleplan.planning;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import dev.scaleplan.fitting.Backtest;
import dev.scaleplan.fitting.DownstreamFit;
import dev.scaleplan.fitting.DownstreamFitter;
import dev.scaleplan.fitting.DownstreamShape;
import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fitting.ExtrapolationError;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitOptions;
import dev.scaleplan.fitting.LawBacktest;
import dev.scaleplan.fitting.LawForm;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.fitting.ScalingLawFitter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-step chain on synthetic ladders from a known law ({@link TaskLadder}): step 1 (task loss in
 * N and D) fitted on the final checkpoints, step 2 (a sigmoid of the task loss) on every checkpoint,
 * and a model 10× larger than the ladder's largest predicted through both.
 */
class ChainedForecastTest {

    static final double LEVEL = 0.9;
    /** 10× the ladder's largest model, trained compute-optimally (20 tokens per parameter). */
    static final double N = 1e10;
    static final double D = 2e11;
    static final int LADDERS = 30;

    private final ScalingLawFitter fitter = new ScalingLawFitter();
    private final LawForm chinchilla = LawForms.require("chinchilla");
    // The grid is screened once; every ladder of the same law is polished from those basins (MultiStartTest
    // covers the screening), which keeps the repeated ladders to seconds.
    private final List<double[]> basins = fitter.basins(chinchilla, TaskLadder.draw(0).finals(), FitOptions.defaults());

    /** Both steps fitted on one ladder. */
    record Chain(Fit law, DownstreamFit accuracy, ExtrapolationError calibration) {

        ChainedForecast.Metric metric(boolean scatter) {
            return new ChainedForecast.Metric(accuracy.law(), accuracy.drawLaws(),
                    scatter ? accuracy.residualScale() : 0);
        }
    }

    Chain fit(TaskLadder ladder, long seed, boolean calibrate) {
        FitOptions options = FitOptions.defaults().withBootstrap(60).withHoldoutFraction(0).withSeed(seed)
                .withConfidenceLevel(LEVEL);
        Fit law = (Fit) fitter.fitFrom(chinchilla, ladder.finals(), options, basins);
        DownstreamFit accuracy = (DownstreamFit) new DownstreamFitter().fit(DownstreamShape.SIGMOID, ladder.taskLoss(),
                ladder.accuracy(), 60, LEVEL, seed);
        ExtrapolationError calibration = null;
        if (calibrate) {
            List<Backtest.Point> points = new LawBacktest(fitter).run(chinchilla, ladder.finals(), options, 0, basins);
            calibration = ExtrapolationError.calibrate(points, LEVEL).orElseThrow();
        }
        return new Chain(law, accuracy, calibration);
    }

    @Test
    void predictsATenfoldLargerModelsAccuracyWithinTheTruthsNoise() {
        Chain chain = fit(TaskLadder.draw(1), 1, false);
        double[] draws = chain.law().drawLaws().stream().mapToDouble(law -> law.loss(N, D)).toArray();
        Estimate predicted = ChainedForecast.forecast(
                ChainedForecast.Predictor.confidence(chain.law().law().loss(N, D), draws), chain.metric(false), LEVEL, 1);
        double truth = TaskLadder.accuracy(TaskLadder.TASK_LOSS.loss(N, D));
        System.out.printf(Locale.ROOT, "10x model: accuracy predicted %.4f [%.4f, %.4f], truth %.4f%n",
                predicted.estimate(), predicted.lower(), predicted.upper(), truth);
        assertThat(predicted.estimate()).isCloseTo(truth, org.assertj.core.data.Offset.offset(
                2 * TaskLadder.ACCURACY_NOISE));
        assertThat(predicted.lower()).isLessThan(predicted.estimate());
        assertThat(predicted.upper()).isGreaterThan(predicted.estimate());
    }

    @Test
    void predictionAndCalibratedBandsCoverATenfoldLargerRunAboutAsOftenAsClaimed() {
        int prediction = 0;
        int calibrated = 0;
        int confidence = 0;
        double widthPrediction = 0;
        double widthConfidence = 0;
        SplittableRandom truths = new SplittableRandom(99);
        for (int seed = 1; seed <= LADDERS; seed++) {
            Chain chain = fit(TaskLadder.draw(seed), seed, true);
            Fit law = chain.law();
            double best = law.law().loss(N, D);
            double[] draws = law.drawLaws().stream().mapToDouble(l -> l.loss(N, D)).toArray();
            Estimate calibratedLoss = chain.calibration().band(best,
                    ExtrapolationError.distance(6 * N * D, law.ranges().flops().min(), law.ranges().flops().max()));
            Estimate byPrediction = ChainedForecast.forecast(
                    ChainedForecast.Predictor.prediction(best, draws, law.residuals()), chain.metric(true), LEVEL, seed);
            Estimate byCalibration = ChainedForecast.forecast(ChainedForecast.Predictor.calibrated(best,
                    calibratedLoss.lower(), calibratedLoss.upper(), LEVEL), chain.metric(true), LEVEL, seed);
            Estimate byConfidence = ChainedForecast.forecast(ChainedForecast.Predictor.confidence(best, draws),
                    chain.metric(false), LEVEL, seed);
            double observed = TaskLadder.observedAccuracy(N, D, truths);
            prediction += covers(byPrediction, observed);
            calibrated += covers(byCalibration, observed);
            confidence += covers(byConfidence, observed);
            widthPrediction += byPrediction.upper() - byPrediction.lower();
            widthConfidence += byConfidence.upper() - byConfidence.lower();
        }
        System.out.printf(Locale.ROOT, "Chained 90%% bands over %d ladders, a run 10x beyond: prediction covered %d "
                        + "(%.0f%%), calibrated %d (%.0f%%), confidence %d (%.0f%%); mean width prediction %.4f, "
                        + "confidence %.4f%n", LADDERS, prediction, 100.0 * prediction / LADDERS, calibrated,
                100.0 * calibrated / LADDERS, confidence, 100.0 * confidence / LADDERS, widthPrediction / LADDERS,
                widthConfidence / LADDERS);
        assertThat(widthPrediction).isGreaterThan(widthConfidence);
        // 90% claimed; with 30 ladders a binomial count below 22 (73%) has probability under 1%.
        assertThat(prediction).isBetween(22, LADDERS);
        assertThat(calibrated).isBetween(22, LADDERS);
    }

    @Test
    void targetAccuracyPlanReachesTheAccuracyUnderTheTrueLaws() {
        Chain chain = fit(TaskLadder.draw(2), 2, false);
        TargetMetric.Plan plan = TargetMetric.plan(chain.accuracy().law(), chain.accuracy().drawLaws(),
                chain.law().law(), chain.law().drawLaws(), "acc", 0.83, 6, LEVEL).orElseThrow();
        Allocation allocation = plan.allocation();
        double achieved = TaskLadder.accuracy(TaskLadder.TASK_LOSS.loss(allocation.parameters(), allocation.tokens()));
        System.out.printf(Locale.ROOT, "acc 0.83: C = %.3g [%.3g, %.3g], N = %.3g, D = %.3g, task loss %.4f; truth "
                        + "there %.4f%n", allocation.flops(), plan.flops().lower(), plan.flops().upper(),
                allocation.parameters(), allocation.tokens(), plan.neededLoss(), achieved);
        assertThat(achieved).isCloseTo(0.83, org.assertj.core.data.Offset.offset(2 * TaskLadder.ACCURACY_NOISE));
        assertThat(plan.flops().lower()).isLessThan(allocation.flops());
        assertThat(plan.flops().upper()).isGreaterThan(allocation.flops());
        assertThat(plan.drawsUsed()).isGreaterThan(plan.drawsTotal() / 2);

        // With step 1's extrapolation error (σ = 2% in log task loss) the compute interval widens.
        TargetMetric.Plan withError = TargetMetric.plan(chain.accuracy().law(), chain.accuracy().drawLaws(),
                chain.law().law(), chain.law().drawLaws(), "acc", 0.83, 6, LEVEL, 0.02, 2).orElseThrow();
        assertThat(withError.allocation()).isEqualTo(allocation);
        assertThat(Math.log(withError.flops().upper() / withError.flops().lower()))
                .isGreaterThan(Math.log(plan.flops().upper() / plan.flops().lower()));
    }

    @Test
    void targetAtOrAboveTheSigmoidsCeilingIsRefusedInWords() {
        Chain chain = fit(TaskLadder.draw(3), 3, false);
        double ceiling = chain.accuracy().law().natural()[1];
        PlanOutcome<TargetMetric.Plan> outcome = TargetMetric.plan(chain.accuracy().law(), chain.accuracy().drawLaws(),
                chain.law().law(), chain.law().drawLaws(), "acc", Math.min(1, ceiling + 0.01), 6, LEVEL);
        assertThat(outcome.isPlanned()).isFalse();
        assertThat(outcome.reason()).contains("ceiling");
        PlanOutcome<TargetMetric.Plan> floor = TargetMetric.plan(chain.accuracy().law(), chain.accuracy().drawLaws(),
                chain.law().law(), chain.law().drawLaws(), "acc", 0.2, 6, LEVEL);
        assertThat(floor.reason()).contains("floor");
    }

    @Test
    void targetNeedingATaskLossAtOrBelowTheLawsIrreducibleLossIsUnreachable() {
        ScalingLaw law = TaskLadder.TASK_LOSS;
        // A steep sigmoid whose last hundredth is only reached below E = 0.6: 0.8999 needs a task loss of 0.46.
        dev.scaleplan.fitting.MetricLaw accuracy = new dev.scaleplan.fitting.MetricLaw(DownstreamShape.SIGMOID,
                new double[] {0.25, 0.9, 0.9, 20}, false, true);
        PlanOutcome<TargetMetric.Plan> outcome = TargetMetric.plan(accuracy, List.of(), law, List.of(), "acc", 0.8999,
                6, LEVEL);
        assertThat(outcome.isPlanned()).isFalse();
        assertThat(outcome.reason()).contains("irreducible loss");
    }

    private static int covers(Estimate band, double value) {
        return band.lower() <= value && value <= band.upper() ? 1 : 0;
    }
}
