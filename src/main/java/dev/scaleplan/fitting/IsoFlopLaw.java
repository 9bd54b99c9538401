package dev.scaleplan.fitting;

/**
 * The law an IsoFLOP analysis (Hoffmann et al. 2022, Approach 2) implies: along every budget C the
 * log loss is the parabola in ln N the analysis fitted, with its minimum on the fitted frontier
 * {@code N*(C) = e^{logParametersCoefficient}·C^a} at loss {@code L*(C) = e^{logLossCoefficient}·C^γ},
 * and one curvature κ (the geometric mean of the budgets'):
 * {@code ln L(N, D) = ln L*(C) + κ·(ln N − ln N*(C))²} with {@code C = k·N·D}.
 * So the compute-optimal allocation of any C is N*(C), D*(C) = C/(k·N*(C)), as Approach 2 says;
 * away from the frontier the parabola is only a local description. L*(C) is a pure power law
 * (no irreducible term): fine between budgets, optimistic far beyond them.
 *
 * @param logParametersCoefficient intercept of ln N* against ln C
 * @param parametersExponent       a in N* ∝ C^a
 * @param logLossCoefficient       intercept of ln L* against ln C
 * @param lossExponent             γ in L* ∝ C^γ (negative when loss falls with compute)
 * @param curvature                κ, d² ln L / d(ln N)² at fixed C
 * @param flopsPerToken            k in C = k·N·D
 */
public record IsoFlopLaw(double logParametersCoefficient, double parametersExponent, double logLossCoefficient,
                         double lossExponent, double curvature, double flopsPerToken) implements ScalingLaw {

    /** N*(C), the loss-minimising model size at compute C. */
    public double optimalParameters(double flops) {
        return Math.exp(logParametersCoefficient + parametersExponent * Math.log(flops));
    }

    /** D*(C) = C/(k·N*(C)). */
    public double optimalTokens(double flops) {
        return flops / (flopsPerToken * optimalParameters(flops));
    }

    /** L*(C), the loss at the optimum of compute C. */
    public double optimalLoss(double flops) {
        return Math.exp(logLossCoefficient + lossExponent * Math.log(flops));
    }

    @Override
    public double loss(double parameters, double tokens) {
        double logFlops = Math.log(flopsPerToken * parameters * tokens);
        double offset = Math.log(parameters) - (logParametersCoefficient + parametersExponent * logFlops);
        return Math.exp(logLossCoefficient + lossExponent * logFlops + curvature * offset * offset);
    }

    @Override
    public double irreducibleLoss() {
        return 0;
    }
}
