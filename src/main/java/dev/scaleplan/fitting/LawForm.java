package dev.scaleplan.fitting;

import dev.scaleplan.fitting.PowerLaw.Variable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One functional form of scaling law, as the optimiser sees it. A form is fitted in an
 * <em>internal</em> parameterisation chosen for the optimiser (e.g. logs of coefficients) and
 * reported in its <em>natural</em> one (the names clients read). Implementations are stateless.
 * Adding a form means one class implementing this interface (by extending {@link NamedLawForm}) and one
 * line in {@link LawForms}.
 */
public interface LawForm {

    /** Stable identifier used in the API, e.g. {@code "chinchilla"}. */
    String id();

    /** Natural parameter names, in the order of {@link #toNatural} and {@link #law}. */
    List<String> parameterNames();

    default int parameterCount() {
        return parameterNames().size();
    }

    /** The run quantities the law depends on: N, D and/or C; by default N and D, as in Hoffmann et al.'s law. */
    default Set<Variable> variables() {
        return Set.of(Variable.PARAMETERS, Variable.TOKENS);
    }

    /**
     * Predicted log loss of one run at internal parameters {@code theta}, and, when
     * {@code gradient} is not null, its analytic gradient with respect to {@code theta}.
     */
    double logLoss(double[] theta, double logParameters, double logTokens, double logFlops, double[] gradient);

    /**
     * As {@link #logLoss(double[], double, double, double, double[])} for a run with {@code e^logExperts}
     * experts; dense forms ignore the expert count.
     */
    default double logLoss(double[] theta, double logParameters, double logTokens, double logFlops, double logExperts,
                           double[] gradient) {
        return logLoss(theta, logParameters, logTokens, logFlops, gradient);
    }

    /**
     * As {@link #logLoss(double[], double, double, double, double, double[])} for a run whose tokens were
     * drawn from {@code e^logUniqueTokens} unique tokens; forms that do not model repeated data ignore it.
     */
    default double logLoss(double[] theta, double logParameters, double logTokens, double logFlops, double logExperts,
                           double logUniqueTokens, double[] gradient) {
        return logLoss(theta, logParameters, logTokens, logFlops, logExperts, gradient);
    }

    /** Whether the law depends on how often the runs repeated their unique tokens. */
    default boolean usesUniqueTokens() {
        return false;
    }

    /**
     * Why these runs cannot determine the form's own parameters, beyond the checks every form gets
     * (enough runs, spread in N, D and C); empty when they can.
     */
    default java.util.Optional<FitFailure> unidentifiable(FitData data) {
        return java.util.Optional.empty();
    }

    /** Whether the law depends on the expert count, so that the runs must vary in it. */
    default boolean usesExperts() {
        return false;
    }

    /**
     * Lower bounds of the internal parameters, in the order of {@link #logLoss}'s {@code theta}
     * ({@code -∞} where unbounded). The optimiser keeps every iterate within
     * [{@link #internalLowerBounds}, {@link #internalUpperBounds}], so a fit cannot leave the
     * parameters' domain (e.g. a negative exponent). By default unbounded.
     */
    default double[] internalLowerBounds() {
        double[] bounds = new double[parameterCount()];
        java.util.Arrays.fill(bounds, Double.NEGATIVE_INFINITY);
        return bounds;
    }

    /** Upper bounds of the internal parameters ({@code +∞} where unbounded); by default unbounded. */
    default double[] internalUpperBounds() {
        double[] bounds = new double[parameterCount()];
        java.util.Arrays.fill(bounds, Double.POSITIVE_INFINITY);
        return bounds;
    }

    /** Internal starting points of the multi-start optimiser. */
    List<double[]> startingGrid();

    /**
     * The share of the starting grid that the multi-start optimiser converges on its whole screening set,
     * the starts ranked by the objective where their approach on subsamples ended; 1, the default, converges
     * every start. A form lowers it only where measurements show the ranking keeps its best optimum.
     */
    default double screenedShare() {
        return 1;
    }

    /** Internal to natural parameters; entries may overflow to infinity for absurd inputs. */
    double[] toNatural(double[] internal);

    /** Natural to internal parameters; the inverse of {@link #toNatural}. */
    double[] toInternal(double[] natural);

    /** The law with these natural parameters. */
    ScalingLaw law(double[] natural, double flopsPerToken);

    /**
     * Quantities derived from the natural parameters, by name, in a stable order; may contain
     * non-finite values, which the fitter drops.
     *
     * @param maxFlops the largest compute among the fitted runs
     */
    default Map<String, Double> derived(double[] natural, double maxFlops, double flopsPerToken) {
        return Map.of();
    }

    /** The Cartesian product of the given axes, first axis varying slowest. */
    static List<double[]> grid(double[]... axes) {
        int count = 1;
        for (double[] axis : axes) {
            count *= axis.length;
        }
        double[][] points = new double[count][axes.length];
        for (int index = 0; index < count; index++) {
            int rest = index;
            for (int k = axes.length - 1; k >= 0; k--) {
                points[index][k] = axes[k][rest % axes[k].length];
                rest /= axes[k].length;
            }
        }
        return List.of(points);
    }

    /** {@code from, from + step, …} up to {@code to} inclusive. */
    static double[] steps(double from, double to, double step) {
        int count = (int) Math.round((to - from) / step) + 1;
        double[] values = new double[count];
        for (int k = 0; k < count; k++) {
            values[k] = from + k * step;
        }
        return values;
    }
}
