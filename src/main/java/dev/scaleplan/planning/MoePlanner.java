package dev.scaleplan.planning;

import dev.scaleplan.fitting.Estimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

import dev.scaleplan.fitting.RoutedScalingLaw;

/**
 * Routed-model options beside a dense plan: "use MoE for more parameters at fixed compute". Clark et
 * al. 2022's law has no data term, so each option keeps the dense plan's active parameters N and
 * tokens D — the same compute C = k·N·D — and adds experts: the loss comes from the routed law at
 * (N, E) and the memory from the total parameters {@code N·(1 + φ·(E − 1))}, where φ is the share of
 * the active parameters replicated per expert (the routed feed-forward layers).
 */
public final class MoePlanner {

    private final RoutedScalingLaw bestFit;
    private final List<RoutedScalingLaw> draws;
    private final double confidenceLevel;

    public MoePlanner(RoutedScalingLaw bestFit, List<RoutedScalingLaw> draws, double confidenceLevel) {
        if (bestFit == null || draws == null) {
            throw new IllegalArgumentException("bestFit and draws must be present");
        }
        this.bestFit = bestFit;
        this.draws = List.copyOf(draws);
        this.confidenceLevel = Checks.confidenceLevel(confidenceLevel);
    }

    /**
     * The option with {@code experts} experts at the dense plan's N and D.
     *
     * @param expertShare φ in [0, 1]
     * @throws IllegalArgumentException for a non-positive N, D or flops, fewer than one expert or φ outside [0, 1]
     */
    public MoeOption option(long experts, double parameters, double tokens, double flops, double expertShare,
                            double bytesPerParameter, List<Accelerator> accelerators) {
        Checks.positive(parameters, "parameters");
        Checks.positive(tokens, "tokens");
        Checks.positive(flops, "flops");
        if (experts < 1) {
            throw new IllegalArgumentException("experts must be at least 1, but was " + experts);
        }
        if (!(expertShare >= 0 && expertShare <= 1)) {
            throw new IllegalArgumentException("expertShare must be in [0, 1], but was " + expertShare);
        }
        double total = parameters * (1 + expertShare * (experts - 1));
        Estimate loss = band(bestFit.loss(parameters, tokens, experts),
                draws.stream().mapToDouble(law -> law.loss(parameters, tokens, experts)).toArray());
        Estimate effective = band(bestFit.effectiveParameters(parameters, experts),
                draws.stream().mapToDouble(law -> law.effectiveParameters(parameters, experts)).toArray());
        return new MoeOption(experts, parameters, total, tokens, flops, loss, effective,
                WeightsMemory.of(total, bytesPerParameter, accelerators));
    }

    /** Each bootstrap law's loss for a routed model, in draw order: what a metric forecast chains. */
    public double[] lossDraws(double parameters, double tokens, long experts) {
        return draws.stream().mapToDouble(law -> law.loss(parameters, tokens, experts)).toArray();
    }

    /**
     * φ from routed runs: the median over runs with more than one expert of
     * {@code (total/active − 1)/(E − 1)}; empty when there is no routed run.
     */
    public static OptionalDouble expertShare(double[] active, double[] total, double[] experts) {
        List<Double> shares = new ArrayList<>();
        for (int i = 0; i < experts.length; i++) {
            if (experts[i] > 1) {
                shares.add((total[i] / active[i] - 1) / (experts[i] - 1));
            }
        }
        if (shares.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] sample = shares.stream().mapToDouble(Double::doubleValue).toArray();
        return OptionalDouble.of(Math.min(1, Math.max(0, dev.scaleplan.fitting.Percentiles.of(sample, 0.5))));
    }

    private Estimate band(double estimate, double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        return finite.length == 0 ? new Estimate(estimate, estimate, estimate)
                : interval(estimate, finite, confidenceLevel);
    }

    /** The central interval holding {@code confidenceLevel} of the finite sample, around {@code estimate}. */
    private static Estimate interval(double estimate, double[] sample, double confidenceLevel) {
        dev.scaleplan.fitting.Estimate band = dev.scaleplan.fitting.Percentiles.estimate(estimate, sample, confidenceLevel);
        return band;
    }
}
