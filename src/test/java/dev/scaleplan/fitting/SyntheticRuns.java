package dev.scaleplan.fitting;

import java.util.SplittableRandom;

/** Reference data sets drawn from known laws, on a log-spaced grid of model sizes and token counts. */
public final class SyntheticRuns {

    /** Hoffmann et al. 2022, eq. 10. */
    public static final ChinchillaLaw HOFFMANN = new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);

    /** Besiroglu et al. 2024's corrected Chinchilla fit. */
    public static final ChinchillaLaw BESIROGLU = new ChinchillaLaw(1.8172, 482.01, 2085.43, 0.3478, 0.3658);

    /** Kaplan et al. 2020, Table 2 (eq. 1.5). */
    public static final KaplanLaw KAPLAN = new KaplanLaw(8.8e13, 5.4e13, 0.076, 0.095);

    private SyntheticRuns() {
    }

    /**
     * {@code sizes × tokenCounts} runs with N log-spaced over [7e7, 1.6e10] and D over [5e9, 5e11],
     * losses multiplied by {@code exp(σ·z)} with z standard normal from {@code seed}.
     */
    public static FitData grid(ScalingLaw law, int sizes, int tokenCounts, double sigma, long seed) {
        return grid(law, sizes, tokenCounts, 7e7, 1.6e10, 5e9, 5e11, sigma, seed);
    }

    public static FitData grid(ScalingLaw law, int sizes, int tokenCounts, double minParameters,
                               double maxParameters, double minTokens, double maxTokens, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = sizes * tokenCounts;
        double[] parameters = new double[n];
        double[] tokens = new double[n];
        double[] loss = new double[n];
        int i = 0;
        for (int s = 0; s < sizes; s++) {
            for (int t = 0; t < tokenCounts; t++) {
                parameters[i] = logSpaced(minParameters, maxParameters, s, sizes);
                tokens[i] = logSpaced(minTokens, maxTokens, t, tokenCounts);
                loss[i] = law.loss(parameters[i], tokens[i]) * Math.exp(sigma * gaussian(random));
                i++;
            }
        }
        return FitData.withEstimatedFlops(parameters, tokens, loss, 6);
    }

    /** The 240-run data set of the benchmark: Besiroglu et al.'s law, σ = 0.015, seed 2024. */
    public static FitData benchmark() {
        return grid(BESIROGLU, 16, 15, 0.015, 2024);
    }

    /**
     * {@code n} runs of a large sweep: N log-uniform over [7e7, 1.6e10] and D over [5e9, 5e11], each run
     * its own (N, D), losses multiplied by {@code exp(σ·z)}; a share {@code outliers} of the runs has
     * its loss multiplied by a further factor drawn uniformly from [1.05, 1.5] (diverged or mis-logged runs).
     */
    public static FitData scattered(ScalingLaw law, int n, double sigma, double outliers, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] parameters = new double[n];
        double[] tokens = new double[n];
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = logUniform(random, 7e7, 1.6e10);
            tokens[i] = logUniform(random, 5e9, 5e11);
            loss[i] = law.loss(parameters[i], tokens[i]) * Math.exp(sigma * gaussian(random));
            if (random.nextDouble() < outliers) {
                loss[i] *= 1.05 + 0.45 * random.nextDouble();
            }
        }
        return FitData.withEstimatedFlops(parameters, tokens, loss, 6);
    }

    /** The benchmark's large sweeps: Besiroglu et al.'s law, σ = 0.015, no outliers, seed 2024. */
    public static FitData sweep(int n) {
        return scattered(BESIROGLU, n, 0.015, 0, 2024);
    }

    private static double logUniform(SplittableRandom random, double from, double to) {
        return Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * random.nextDouble());
    }

    private static double logSpaced(double from, double to, int index, int count) {
        if (count == 1) {
            return from;
        }
        return Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * index / (count - 1));
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; one variate per call keeps draws independent of call order within a run.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
