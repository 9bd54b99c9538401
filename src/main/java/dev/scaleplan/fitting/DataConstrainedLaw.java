package dev.scaleplan.fitting;

/**
 * Muennighoff et al. 2023, "Scaling Data-Constrained Language Models", eq. 7: Hoffmann et al.'s
 * {@code L = E + A/N'^α + B/D'^β} evaluated at the effective data D' (eq. 5) and effective parameters N'
 * (eq. 6). With U_D = min(D, U) unique tokens seen and R_D = D/U_D − 1 repetitions,
 * {@code D' = U_D + U_D·R*_D·(1 − e^(−R_D/R*_D))}; with U_N = min(N, N_opt(U_D)), the compute-optimal size for
 * U_D tokens, and R_N = N/U_N − 1, {@code N' = U_N + U_N·R*_N·(1 − e^(−R_N/R*_N))}. Fresh data and a model no
 * larger than the data can use give back Hoffmann's law.
 *
 * @param base  the law on fresh data (E, A, B, α, β)
 * @param rStarD R*_D
 * @param rStarN R*_N
 */
public record DataConstrainedLaw(ChinchillaLaw base, double rStarD, double rStarN) implements RepeatedDataLaw {

    /** The law with Muennighoff et al.'s published R*_D = 15.4 and R*_N = 5.3 on top of {@code base}. */
    public static DataConstrainedLaw published(ChinchillaLaw base) {
        return new DataConstrainedLaw(base, Repetition.PUBLISHED_R_STAR_D, Repetition.PUBLISHED_R_STAR_N);
    }

    @Override
    public double loss(double parameters, double tokens, double uniqueTokens) {
        double seen = Math.min(tokens, uniqueTokens);
        double effectiveTokens = Repetition.effective(tokens, seen, rStarD);
        double effectiveParameters = Repetition.effective(parameters, baseParameters(seen), rStarN);
        return base.loss(effectiveParameters, effectiveTokens);
    }

    /** U_N before the cap at N: the compute-optimal model size for {@code uniqueTokens} fresh tokens. */
    public double baseParameters(double uniqueTokens) {
        return Math.exp(Repetition.logComputeOptimalParameters(base.alpha(), Math.log(base.parameterCoefficient()),
                base.beta(), Math.log(base.tokenCoefficient()), Math.log(uniqueTokens)));
    }

    @Override
    public double irreducibleLoss() {
        return base.irreducibleLoss();
    }
}
