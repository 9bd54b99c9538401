package dev.scaleplan.fitting;

import dev.scaleplan.fitting.PowerLaw.Variable;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code L = E + A/x^α} in one variable x (N, D or C): internal parameters {@code (e, a, α)} with
 * {@code E = e^e, A = e^a} and {@code log L = LSE(a − α·log x, e)}, Hoffmann's parameterisation
 * restricted to one term.
 */
final class PowerLawForm extends NamedLawForm {

    private static final List<String> NAMES = List.of("E", "A", "alpha");

    // Hoffmann's grid restricted to (e, a, α): e ∈ {−1, …, 1}, a ∈ {0, 5, …, 25}, α ∈ {0, 0.5, …, 2}.
    private static final List<double[]> GRID = LawForm.grid(LawForm.steps(-1, 1, 0.5), LawForm.steps(0, 25, 5),
            LawForm.steps(0, 2, 0.5));

    private final Variable variable;

    PowerLawForm(Variable variable) {
        super("power-law-" + variable.name().toLowerCase(Locale.ROOT), NAMES);
        this.variable = variable;
    }

    @Override
    public Set<Variable> variables() {
        return Set.of(variable);
    }

    @Override
    public double logLoss(double[] theta, double logParameters, double logTokens, double logFlops,
                          double[] gradient) {
        double logX = switch (variable) {
            case PARAMETERS -> logParameters;
            case TOKENS -> logTokens;
            case FLOPS -> logFlops;
        };
        double irreducibleTerm = theta[0];
        double reducibleTerm = theta[1] - theta[2] * logX;
        double max = Math.max(irreducibleTerm, reducibleTerm);
        double x1 = Math.exp(irreducibleTerm - max);
        double x2 = Math.exp(reducibleTerm - max);
        double sum = x1 + x2;
        if (gradient != null) {
            double p2 = x2 / sum;
            gradient[0] = x1 / sum;
            gradient[1] = p2;
            gradient[2] = -p2 * logX;
        }
        return max + Math.log(sum);
    }

    /** α in [0, {@value ParameterDomains#MAX_EXPONENT}], E bounded as in Chinchilla's form, A unbounded. */
    @Override
    public double[] internalLowerBounds() {
        return new double[] {ParameterDomains.MIN_LOG_IRREDUCIBLE, Double.NEGATIVE_INFINITY, 0};
    }

    @Override
    public double[] internalUpperBounds() {
        return new double[] {ParameterDomains.MAX_LOG_IRREDUCIBLE, Double.POSITIVE_INFINITY, ParameterDomains.MAX_EXPONENT};
    }

    @Override
    public List<double[]> startingGrid() {
        return GRID;
    }

    @Override
    public double[] toNatural(double[] internal) {
        return new double[] {Math.exp(internal[0]), Math.exp(internal[1]), internal[2]};
    }

    @Override
    public double[] toInternal(double[] natural) {
        return new double[] {Math.log(natural[0]), Math.log(natural[1]), natural[2]};
    }

    @Override
    public ScalingLaw law(double[] natural, double flopsPerToken) {
        return new PowerLaw(variable, natural[0], natural[1], natural[2], flopsPerToken);
    }
}
