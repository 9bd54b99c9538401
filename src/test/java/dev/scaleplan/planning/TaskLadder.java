package dev.scaleplan.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.scaleplan.fitting.ChinchillaLaw;
import dev.scaleplan.fitting.FitData;

/**
 * A synthetic model ladder with a known two-step law, after Bhagia et al. 2024 ("Establishing Task
 * Scaling Laws via Compute-Efficient Model Ladders"): 5 sizes × 5 token multipliers, each run with
 * checkpoints at a quarter, half, three quarters and the end of its tokens. A task's loss follows
 * {@code L(N, D) = E + A/N^α + B/D^β} times {@code exp(σ_L·z)}; its accuracy follows
 * {@code floor + (ceiling − floor)·sigmoid(−k(L − L0))} plus {@code σ_acc·z}.
 *
 * @param finals      the final checkpoints (step 1 is fitted on these)
 * @param taskLoss    task loss of every checkpoint
 * @param accuracy    accuracy of every checkpoint (step 2 is fitted on these)
 */
record TaskLadder(FitData finals, double[] taskLoss, double[] accuracy) {

    static final ChinchillaLaw TASK_LOSS = new ChinchillaLaw(0.6, 60, 200, 0.3, 0.3);
    static final double FLOOR = 0.25;
    static final double CEILING = 0.9;
    static final double MIDPOINT = 1.1;
    static final double STEEPNESS = 6;
    static final double LOSS_NOISE = 0.01;
    static final double ACCURACY_NOISE = 0.01;
    static final double[] SIZES = {2e7, 6e7, 1.5e8, 4e8, 1e9};
    static final double[] TOKENS_PER_PARAMETER = {5, 10, 20, 40, 80};
    static final double[] CHECKPOINTS = {0.25, 0.5, 0.75, 1};

    /** The true accuracy at a task loss. */
    static double accuracy(double taskLoss) {
        return FLOOR + (CEILING - FLOOR) / (1 + Math.exp(STEEPNESS * (taskLoss - MIDPOINT)));
    }

    /** A ladder drawn with {@code seed}. */
    static TaskLadder draw(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> finals = new ArrayList<>();
        List<double[]> checkpoints = new ArrayList<>();
        for (double n : SIZES) {
            for (double ratio : TOKENS_PER_PARAMETER) {
                for (double share : CHECKPOINTS) {
                    double d = n * ratio * share;
                    double loss = TASK_LOSS.loss(n, d) * Math.exp(LOSS_NOISE * ChainedForecast.gaussian(random));
                    double accuracy = accuracy(loss) + ACCURACY_NOISE * ChainedForecast.gaussian(random);
                    checkpoints.add(new double[] {loss, accuracy});
                    if (share == 1) {
                        finals.add(new double[] {n, d, loss});
                    }
                }
            }
        }
        FitData fitted = FitData.withEstimatedFlops(finals.stream().mapToDouble(r -> r[0]).toArray(),
                finals.stream().mapToDouble(r -> r[1]).toArray(), finals.stream().mapToDouble(r -> r[2]).toArray(), 6);
        return new TaskLadder(fitted, checkpoints.stream().mapToDouble(r -> r[0]).toArray(),
                checkpoints.stream().mapToDouble(r -> r[1]).toArray());
    }

    /** A run's observed accuracy at (N, D): the true chain with both steps' noise. */
    static double observedAccuracy(double n, double d, SplittableRandom random) {
        double loss = TASK_LOSS.loss(n, d) * Math.exp(LOSS_NOISE * ChainedForecast.gaussian(random));
        return accuracy(loss) + ACCURACY_NOISE * ChainedForecast.gaussian(random);
    }
}
