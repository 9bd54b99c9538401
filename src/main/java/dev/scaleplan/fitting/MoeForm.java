package dev.scaleplan.fitting;

import dev.scaleplan.fitting.PowerLaw.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Clark et al. 2022's routed-model law (see {@link MoeLaw}), fitted on log loss with the same robust
 * objective and multi-start as the dense forms. Internal and natural parameters coincide:
 * {@code (a, b, c, d)}; log loss is linear in them, so the optimum does not depend on the start. The
 * saturation constants are not fitted (they need expert counts near saturation to be identified):
 * they are the paper's S-BASE values, E_start = {@value #EXPERTS_START} and E_max = {@value #EXPERTS_MAX}
 * (the coefficients the paper fits for S-BASE routing), reported as derived quantities.
 */
final class MoeForm extends NamedLawForm {

    static final double EXPERTS_START = 1.847;
    static final double EXPERTS_MAX = 314.883;

    private static final List<String> NAMES = List.of("a", "b", "c", "d");

    // A small grid around published magnitudes (a, b ≈ −0.1, |c| ≈ 0.01, d ≈ 1–3 in natural logs).
    private static final List<double[]> GRID = LawForm.grid(new double[] {-0.3, -0.05}, new double[] {-0.3, 0},
            new double[] {0, 0.02}, new double[] {1, 4});

    MoeForm() {
        super("moe", NAMES);
    }

    @Override
    public Set<Variable> variables() {
        return Set.of(Variable.PARAMETERS);
    }

    @Override
    public boolean usesExperts() {
        return true;
    }

    /** A dense run: one expert. */
    @Override
    public double logLoss(double[] theta, double logParameters, double logTokens, double logFlops, double[] gradient) {
        return logLoss(theta, logParameters, logTokens, logFlops, 0, gradient);
    }

    @Override
    public double logLoss(double[] theta, double logParameters, double logTokens, double logFlops, double logExperts,
                          double[] gradient) {
        double logSaturated = MoeLaw.logSaturatedExperts(Math.exp(logExperts), EXPERTS_START, EXPERTS_MAX);
        if (gradient != null) {
            gradient[0] = logParameters;
            gradient[1] = logSaturated;
            gradient[2] = logParameters * logSaturated;
            gradient[3] = 1;
        }
        return theta[0] * logParameters + theta[1] * logSaturated + theta[2] * logParameters * logSaturated + theta[3];
    }

    @Override
    public List<double[]> startingGrid() {
        return GRID;
    }

    @Override
    public double[] toNatural(double[] internal) {
        return internal.clone();
    }

    @Override
    public double[] toInternal(double[] natural) {
        return natural.clone();
    }

    @Override
    public ScalingLaw law(double[] natural, double flopsPerToken) {
        return new MoeLaw(natural[0], natural[1], natural[2], natural[3], EXPERTS_START, EXPERTS_MAX);
    }

    /** The fixed saturation constants, so that clients see them beside a, b, c, d. */
    @Override
    public Map<String, Double> derived(double[] natural, double maxFlops, double flopsPerToken) {
        Map<String, Double> derived = new LinkedHashMap<>();
        derived.put("expertsStart", EXPERTS_START);
        derived.put("expertsMax", EXPERTS_MAX);
        return derived;
    }
}
