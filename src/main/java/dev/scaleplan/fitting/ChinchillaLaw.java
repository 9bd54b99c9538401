package dev.scaleplan.fitting;

/**
 * Hoffmann et al. 2022, eq. 2: {@code L(N, D) = E + A/N^alpha + B/D^beta}.
 *
 * @param irreducibleLoss E
 * @param parameterCoefficient A
 * @param tokenCoefficient B
 * @param alpha exponent of N
 * @param beta exponent of D
 */
public record ChinchillaLaw(double irreducibleLoss, double parameterCoefficient, double tokenCoefficient,
                            double alpha, double beta) implements ScalingLaw {

    @Override
    public double loss(double parameters, double tokens) {
        return irreducibleLoss + parameterCoefficient / Math.pow(parameters, alpha)
                + tokenCoefficient / Math.pow(tokens, beta);
    }
}
