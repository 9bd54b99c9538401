package dev.scaleplan.fitting;

/**
 * Kaplan et al. 2020, eq. 1.5: {@code L(N, D) = [(Nc/N)^(alphaN/alphaD) + Dc/D]^alphaD}.
 * It has no irreducible term.
 */
public record KaplanLaw(double criticalParameters, double criticalTokens, double alphaN, double alphaD)
        implements ScalingLaw {

    @Override
    public double loss(double parameters, double tokens) {
        return Math.pow(Math.pow(criticalParameters / parameters, alphaN / alphaD) + criticalTokens / tokens, alphaD);
    }

    @Override
    public double irreducibleLoss() {
        return 0;
    }
}
