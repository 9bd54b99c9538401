package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Training compute of a project's runs, counted in its declared {@link FlopsConvention}: the compute axis of
 * its fits (IsoFLOP budgets, laws in C) and, as f(N) = C/D read off the runs, of its plans.
 */
public final class ComputeAxis {

    private final FlopsConvention convention;
    private final double flopsPerParameter;
    private final double[] parameters;
    private final double[] tokens;
    private final double[] givenFlops;
    private final double[] attentionFlopsPerToken;

    /**
     * @param convention how compute is counted
     * @param flopsPerParameter k, the FLOPs per parameter per token of the N term (6 for dense transformers)
     * @param parameters each run's N, in the project's parameter count
     * @param tokens each run's D
     * @param givenFlops each run's uploaded FLOPs, NaN where it gave none
     * @param attentionFlopsPerToken each run's 6·n_layer·n_ctx·d_model, NaN where it lacks one of the three
     */
    public ComputeAxis(FlopsConvention convention, double flopsPerParameter, double[] parameters, double[] tokens,
                       double[] givenFlops, double[] attentionFlopsPerToken) {
        this.convention = Objects.requireNonNull(convention, "convention");
        int n = parameters.length;
        if (tokens.length != n || givenFlops.length != n || attentionFlopsPerToken.length != n) {
            throw new IllegalArgumentException("parameters, tokens, givenFlops and attentionFlopsPerToken must have the"
                    + " same length");
        }
        if (!(flopsPerParameter > 0 && Double.isFinite(flopsPerParameter))) {
            throw new IllegalArgumentException("flopsPerParameter must be finite and positive, but was " + flopsPerParameter);
        }
        this.flopsPerParameter = flopsPerParameter;
        this.parameters = parameters.clone();
        this.tokens = tokens.clone();
        this.givenFlops = givenFlops.clone();
        this.attentionFlopsPerToken = attentionFlopsPerToken.clone();
    }

    /**
     * The attention's FLOPs per training token: Kaplan et al. 2020, Table 1 count 2·n_layer·n_ctx·d_attn per
     * token forward (d_attn = d_model for the usual transformer), and training takes three times the forward.
     */
    public static double attentionFlopsPerToken(double layers, double contextLength, double width) {
        return 6 * layers * contextLength * width;
    }

    /** Indices of the runs that lack what the convention needs (uploaded FLOPs, or the three shape fields). */
    public int[] runsMissingInputs() {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            boolean lacks = switch (convention) {
                case SIX_N -> false;
                case SIX_N_ATTENTION -> !(attentionFlopsPerToken[i] > 0);
                case GIVEN -> !(givenFlops[i] > 0);
            };
            if (lacks) {
                missing.add(i);
            }
        }
        return missing.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Each run's training compute under the convention.
     *
     * @throws IllegalStateException if a run lacks what the convention needs ({@link #runsMissingInputs()})
     */
    public double[] flops() {
        requireInputs();
        double[] flops = new double[parameters.length];
        for (int i = 0; i < flops.length; i++) {
            flops[i] = switch (convention) {
                case SIX_N -> flopsPerParameter * parameters[i] * tokens[i];
                case SIX_N_ATTENTION -> (flopsPerParameter * parameters[i] + attentionFlopsPerToken[i]) * tokens[i];
                case GIVEN -> givenFlops[i];
            };
        }
        return flops;
    }

    /**
     * FLOPs per training token at any N: exact k·N under {@code 6N}; k·N plus the runs' attention term
     * interpolated over N under {@code 6N+attention}; the runs' C/D interpolated over N under {@code given}
     * (log-log, {@link LogLogInterpolation}).
     *
     * @throws IllegalStateException if a run lacks what the convention needs, or there are no runs to read
     *         f off
     */
    public TrainingFlops trainingFlops() {
        if (convention == FlopsConvention.SIX_N) {
            return TrainingFlops.linear(flopsPerParameter);
        }
        requireInputs();
        if (parameters.length == 0) {
            throw new IllegalStateException("no runs to read FLOPs per token off");
        }
        double[] perToken = new double[parameters.length];
        for (int i = 0; i < perToken.length; i++) {
            perToken[i] = convention == FlopsConvention.GIVEN ? givenFlops[i] / tokens[i] : attentionFlopsPerToken[i];
        }
        return TrainingFlops.interpolated(convention == FlopsConvention.GIVEN ? 0 : flopsPerParameter,
                LogLogInterpolation.through(parameters, perToken));
    }

    private void requireInputs() {
        int[] missing = runsMissingInputs();
        if (missing.length > 0) {
            throw new IllegalStateException(missing.length + " run(s) lack what " + convention.wireName() + " needs");
        }
    }

    @Override
    public String toString() {
        return "ComputeAxis[" + convention.wireName() + ", runs=" + parameters.length + "]";
    }
}
