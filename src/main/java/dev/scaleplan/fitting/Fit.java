package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A fitted scaling law with its uncertainty and diagnostics. Every field is a plain number,
 * string, map or array, so the canonical constructor rebuilds a stored fit exactly; arrays and
 * maps are copied in and out. No field is NaN or infinite.
 *
 * @param form            the {@link LawForm#id() form id}
 * @param parameters      natural parameters in the form's order: best fit with bootstrap percentile interval
 * @param derived         derived quantities (e.g. Chinchilla's {@code a}, {@code G}, {@code optimalTokensPerParameterAtMaxObservedFlops}
 *                        at the largest observed compute), same kind of interval
 * @param objective       {@code Σ_i ρ(r_i)} over the runs at the best fit, with ρ as in {@link Objective}
 *                        and {@code r_i} the log-loss residual; comparable with scipy replications of
 *                        Hoffmann et al. that sum {@code scipy.special.huber(δ, r)}
 * @param objectiveType   the ρ used
 * @param huberDelta      δ of Huber's loss
 * @param runsUsed        number of runs fitted
 * @param ranges          observed N, D and C of those runs
 * @param quality         goodness of fit on log-loss residuals
 * @param holdout         the extrapolation check, or null when none was asked for or possible
 * @param bootstrapSize   number of successful bootstrap refits, the rows of {@code draws}
 * @param confidenceLevel coverage of every interval
 * @param estimate        natural parameters at the best fit
 * @param draws           natural parameters of each successful bootstrap refit
 * @param residuals       {@code log L_i − log prediction_i} of each run at the best fit
 * @param seed            seed of the bootstrap, reused to sample prediction bands
 * @param flopsPerToken   k in {@code C = k·N·D}
 * @param bootstrapMethod how the draws were made; null means {@link BootstrapMethod#REFIT}
 */
public record Fit(String form, Map<String, Estimate> parameters, Map<String, Estimate> derived, double objective,
                  Objective objectiveType, double huberDelta, int runsUsed, DataRanges ranges,
                  FitQuality quality, Holdout holdout, int bootstrapSize, double confidenceLevel,
                  double[] estimate, double[][] draws, double[] residuals, long seed, double flopsPerToken,
                  BootstrapMethod bootstrapMethod)
        implements FitOutcome {

    public Fit {
        LawForm lawForm = LawForms.require(form);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        derived = Collections.unmodifiableMap(new LinkedHashMap<>(derived));
        Objects.requireNonNull(objectiveType, "objectiveType");
        Objects.requireNonNull(ranges, "ranges");
        Objects.requireNonNull(quality, "quality");
        estimate = estimate.clone();
        draws = deepCopy(draws);
        residuals = residuals.clone();
        bootstrapMethod = Objects.requireNonNullElse(bootstrapMethod, BootstrapMethod.REFIT);
        if (estimate.length != lawForm.parameterCount()) {
            throw new IllegalArgumentException("form " + form + " has " + lawForm.parameterCount()
                    + " parameters, estimate has " + estimate.length);
        }
        for (double[] draw : draws) {
            if (draw.length != estimate.length) {
                throw new IllegalArgumentException("every draw needs " + estimate.length + " parameters");
            }
        }
        if (bootstrapSize != draws.length) {
            throw new IllegalArgumentException("bootstrapSize " + bootstrapSize + " but " + draws.length + " draws");
        }
    }

    /** The best-fit law. */
    public ScalingLaw law() {
        return lawForm().law(estimate, flopsPerToken);
    }

    /** The law of each bootstrap draw. */
    public List<ScalingLaw> drawLaws() {
        LawForm lawForm = lawForm();
        List<ScalingLaw> laws = new ArrayList<>(draws.length);
        for (double[] draw : draws) {
            laws.add(lawForm.law(draw, flopsPerToken));
        }
        return laws;
    }

    /** The form this fit was made with. */
    public LawForm lawForm() {
        return LawForms.require(form);
    }

    /**
     * A quantity of the law (a prediction, an allocation, …) at the best fit, with the percentile
     * interval of the same quantity over the bootstrap laws: a confidence band. Draws where the
     * quantity is not finite are skipped.
     */
    public Estimate band(ToDoubleFunction<ScalingLaw> quantity) {
        return laws().band(quantity);
    }

    /**
     * The predicted loss of a model with N parameters trained on D tokens. A confidence band spans the
     * bootstrap laws; a prediction band also multiplies each law's prediction by {@code exp(r)} for
     * residuals r resampled from the fit's own residuals (seeded, so the same fit always gives the
     * same band), which adds the scatter of single runs around the law.
     */
    public Estimate predict(double parameters, double tokens, Band band) {
        return laws().predict(parameters, tokens, band);
    }

    /**
     * As {@link #predict(double, double, Band)} for a routed model with {@code experts} experts.
     *
     * @throws IllegalArgumentException if the fit is of a dense form and {@code experts} is not 1
     */
    public Estimate predict(double parameters, double tokens, double experts, Band band) {
        return laws().predict(parameters, tokens, experts, band);
    }

    /** Whether this fit's law depends on the expert count. */
    public boolean isRouted() {
        return lawForm().usesExperts();
    }

    /** The laws of this fit, built now; keep it to ask many questions of one fit. */
    public FitLaws laws() {
        return new FitLaws(this);
    }

    @Override
    public double[] estimate() {
        return estimate.clone();
    }

    @Override
    public double[][] draws() {
        return deepCopy(draws);
    }

    @Override
    public double[] residuals() {
        return residuals.clone();
    }

    /** The residuals without a copy, for {@link FitLaws}, which only reads them. */
    double[] residualsView() {
        return residuals;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fit that && form.equals(that.form) && parameters.equals(that.parameters)
                && derived.equals(that.derived) && Double.compare(objective, that.objective) == 0
                && objectiveType == that.objectiveType && Double.compare(huberDelta, that.huberDelta) == 0
                && runsUsed == that.runsUsed && ranges.equals(that.ranges) && quality.equals(that.quality)
                && Objects.equals(holdout, that.holdout) && bootstrapSize == that.bootstrapSize
                && Double.compare(confidenceLevel, that.confidenceLevel) == 0
                && Arrays.equals(estimate, that.estimate) && Arrays.deepEquals(draws, that.draws)
                && Arrays.equals(residuals, that.residuals) && seed == that.seed
                && Double.compare(flopsPerToken, that.flopsPerToken) == 0
                && bootstrapMethod.equals(that.bootstrapMethod);
    }

    @Override
    public int hashCode() {
        return Objects.hash(form, parameters, derived, objective, runsUsed, Arrays.hashCode(estimate),
                Arrays.deepHashCode(draws), seed);
    }

    @Override
    public String toString() {
        return "Fit[form=" + form + ", parameters=" + parameters + ", derived=" + derived + ", objective="
                + objective + ", runsUsed=" + runsUsed + ", rmseLogLoss=" + quality.rmseLogLoss() + ", bootstrapSize="
                + bootstrapSize + ", holdout=" + holdout + "]";
    }

    private static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
