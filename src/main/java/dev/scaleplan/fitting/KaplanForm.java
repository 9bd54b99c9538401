package dev.scaleplan.fitting;

import dev.scaleplan.fitting.PowerLaw.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kaplan et al. 2020, eq. 1.5, {@code L = [(Nc/N)^(αN/αD) + Dc/D]^αD}. Internal parameters are
 * {@code (c, d, αN, αD)} with {@code c = αN·log Nc} and {@code d = αD·log Dc}, which gives the
 * same log-sum-exp shape as Chinchilla's form and keeps the optimiser well scaled:
 * {@code log L = αD·LSE((c − αN·log N)/αD, (d − αD·log D)/αD)}.
 */
final class KaplanForm extends NamedLawForm {

    private static final List<String> NAMES = List.of("Nc", "Dc", "alphaN", "alphaD");

    /** Below this αD the form is treated as undefined, so the optimiser steps away. */
    private static final double MIN_ALPHA_D = 1e-6;

    // c and d span log-loss offsets for N, D between 1e6 and 1e13 at exponents 0.05–0.8.
    private static final List<double[]> GRID = LawForm.grid(LawForm.steps(0, 15, 2.5), LawForm.steps(0, 15, 2.5),
            new double[] {0.05, 0.1, 0.2, 0.4, 0.8}, new double[] {0.05, 0.1, 0.2, 0.4, 0.8});

    KaplanForm() {
        super("kaplan", NAMES);
    }

    @Override
    public double logLoss(double[] theta, double logParameters, double logTokens, double logFlops,
                          double[] gradient) {
        double alphaN = theta[2];
        double alphaD = theta[3];
        if (!(alphaD > MIN_ALPHA_D)) {
            return Double.NaN;
        }
        double parameterTerm = (theta[0] - alphaN * logParameters) / alphaD;
        double tokenTerm = (theta[1] - alphaD * logTokens) / alphaD;
        double max = Math.max(parameterTerm, tokenTerm);
        double x1 = Math.exp(parameterTerm - max);
        double x2 = Math.exp(tokenTerm - max);
        double sum = x1 + x2;
        double logSum = max + Math.log(sum);
        if (gradient != null) {
            double p1 = x1 / sum;
            double p2 = x2 / sum;
            gradient[0] = p1;
            gradient[1] = p2;
            gradient[2] = -p1 * logParameters;
            gradient[3] = logSum - p1 * parameterTerm - p2 * tokenTerm - p2 * logTokens;
        }
        return alphaD * logSum;
    }

    /**
     * αN and αD in [{@value ParameterDomains#MIN_KAPLAN_EXPONENT}, {@value ParameterDomains#MAX_EXPONENT}]: positive, so that
     * loss falls with N and D and {@code Nc = e^(c/αN)}, {@code Dc = e^(d/αD)} stay defined; c and d unbounded.
     */
    @Override
    public double[] internalLowerBounds() {
        return new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, ParameterDomains.MIN_KAPLAN_EXPONENT,
                ParameterDomains.MIN_KAPLAN_EXPONENT};
    }

    @Override
    public double[] internalUpperBounds() {
        return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, ParameterDomains.MAX_EXPONENT,
                ParameterDomains.MAX_EXPONENT};
    }

    @Override
    public List<double[]> startingGrid() {
        return GRID;
    }

    @Override
    public double[] toNatural(double[] internal) {
        return new double[] {Math.exp(internal[0] / internal[2]), Math.exp(internal[1] / internal[3]), internal[2],
                internal[3]};
    }

    @Override
    public double[] toInternal(double[] natural) {
        return new double[] {natural[2] * Math.log(natural[0]), natural[3] * Math.log(natural[1]), natural[2],
                natural[3]};
    }

    @Override
    public ScalingLaw law(double[] natural, double flopsPerToken) {
        return new KaplanLaw(natural[0], natural[1], natural[2], natural[3]);
    }

    /** {@code alphaN/alphaD}: the exponent of {@code Nc/N} inside the bracket. */
    @Override
    public Map<String, Double> derived(double[] natural, double maxFlops, double flopsPerToken) {
        Map<String, Double> derived = new LinkedHashMap<>();
        derived.put("alphaRatio", natural[2] / natural[3]);
        return derived;
    }
}
