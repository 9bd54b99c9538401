package dev.scaleplan.fitting;

import dev.scaleplan.fitting.FitFailure.Reason;
import dev.scaleplan.fitting.PowerLaw.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Muennighoff et al. 2023's data-constrained law ({@link DataConstrainedLaw}: Hoffmann's law at the
 * effective data D' of their eq. 5 and effective parameters N' of eq. 6), fitted jointly on log loss
 * with the same robust objective, multi-start and bootstrap as the other forms. Internal parameters
 * {@code (e, a, b, α, β, ρ_D, ρ_N)} with {@code E = e^e, A = e^a, B = e^b, R*_D = e^ρ_D, R*_N = e^ρ_N};
 * {@code log L = LSE(a − α·log N', b − β·log D', e)}. The gradient is analytic: N' depends on (a, b, α, β)
 * through U_N, the compute-optimal size for the unique data, and is continuously differentiable where
 * N crosses U_N.
 */
final class DataConstrainedForm extends NamedLawForm {

    static final String ID = "data-constrained";

    private static final List<String> NAMES = List.of("E", "A", "B", "alpha", "beta", "rStarD", "rStarN");

    /**
     * Exponents stay above this: U_N divides by α and takes log α and log β. Published values are
     * 0.3 to 0.4 (Hoffmann et al. 2022; Muennighoff et al. 2023).
     */
    private static final double MIN_EXPONENT = 1e-3;

    /** R* in [e^−3, e^9.2] ≈ [0.05, 1e4]: from "a repeat is worth nothing" to "a repeat is as good as fresh". */
    private static final double MIN_LOG_R_STAR = -3;
    private static final double MAX_LOG_R_STAR = 9.2;

    /** Fewest runs that must repeat their data for R*_D to be fitted at all. */
    static final int MIN_REPEATED_RUNS = 3;

    // A coarse version of Hoffmann's grid (e, a, b, α, β) crossed with R* pairs around the published
    // (15.4, 5.3), a tenth of them and four times them: 324 starts.
    private static final List<double[]> GRID = LawForm.grid(new double[] {-1, 0, 1}, new double[] {0, 10, 20},
            new double[] {0, 10, 20}, new double[] {0.3, 1}, new double[] {0.3, 1},
            new double[] {Math.log(Repetition.PUBLISHED_R_STAR_D)}, new double[] {Math.log(Repetition.PUBLISHED_R_STAR_N)})
            .stream().<double[]>mapMulti((start, out) -> {
                for (double scale : new double[] {1, 0.1, 4}) {
                    double[] scaled = start.clone();
                    scaled[5] += Math.log(scale);
                    scaled[6] += Math.log(scale);
                    out.accept(scaled);
                }
            }).toList();

    private final ChinchillaForm base = new ChinchillaForm();

    DataConstrainedForm() {
        super(ID, NAMES);
    }

    @Override
    public boolean usesUniqueTokens() {
        return true;
    }

    /** A run without its unique-token count: taken as fresh data (U = D). */
    @Override
    public double logLoss(double[] theta, double logParameters, double logTokens, double logFlops, double[] gradient) {
        return logLoss(theta, logParameters, logTokens, logFlops, 0, logTokens, gradient);
    }

    @Override
    public double logLoss(double[] theta, double logParameters, double logTokens, double logFlops, double logExperts,
                          double logUniqueTokens, double[] gradient) {
        double alpha = theta[3];
        double beta = theta[4];
        double logSeen = Math.min(logUniqueTokens, logTokens);

        // D' (eq. 5) and d log D' / d ρ_D.
        double logEffectiveTokens = logTokens;
        double tokensByRho = 0;
        double repeatedTokens = Math.expm1(logTokens - logSeen);
        if (repeatedTokens > 0) {
            double rStar = Math.exp(theta[5]);
            double decay = Math.exp(-repeatedTokens / rStar);
            double saturation = -Math.expm1(-repeatedTokens / rStar);
            double factor = 1 + rStar * saturation;
            logEffectiveTokens = logSeen + Math.log(factor);
            tokensByRho = (rStar * saturation - (decay == 0 ? 0 : repeatedTokens * decay)) / factor;
        }

        // N' (eq. 6), d log N' / d ρ_N, and d log N' / d log U_N (0 while N ≤ U_N).
        double logBase = Repetition.logComputeOptimalParameters(alpha, theta[1], beta, theta[2], logSeen);
        double logEffectiveParameters = logParameters;
        double parametersByRho = 0;
        double parametersByBase = 0;
        if (logParameters > logBase) {
            double excess = Math.expm1(logParameters - logBase);
            double rStar = Math.exp(theta[6]);
            double decay = Math.exp(-excess / rStar);
            double saturation = -Math.expm1(-excess / rStar);
            double factor = 1 + rStar * saturation;
            logEffectiveParameters = logBase + Math.log(factor);
            parametersByRho = (rStar * saturation - (decay == 0 ? 0 : excess * decay)) / factor;
            parametersByBase = (factor - (decay == 0 ? 0 : (excess + 1) * decay)) / factor;
        }

        double[] chinchilla = gradient == null ? null : new double[5];
        double logLoss = base.logLoss(theta, logEffectiveParameters, logEffectiveTokens, logFlops, chinchilla);
        if (gradient != null) {
            // Chain rule through N' and D': ∂/∂θ_k = (Hoffmann's gradient at N', D') + its N' and D' terms.
            double parameterWeight = chinchilla[1];
            double tokenWeight = chinchilla[2];
            double byLogEffectiveParameters = -parameterWeight * alpha;
            double byLogEffectiveTokens = -tokenWeight * beta;
            double byLogBase = byLogEffectiveParameters * parametersByBase;
            gradient[0] = chinchilla[0];
            gradient[1] = parameterWeight + byLogBase / alpha;
            gradient[2] = tokenWeight - byLogBase / alpha;
            gradient[3] = chinchilla[3] + byLogBase * (1 / (alpha * alpha) - logBase / alpha);
            gradient[4] = chinchilla[4] + byLogBase * (logSeen - 1 / beta) / alpha;
            gradient[5] = byLogEffectiveTokens * tokensByRho;
            gradient[6] = byLogEffectiveParameters * parametersByRho;
        }
        return logLoss;
    }

    @Override
    public double[] internalLowerBounds() {
        return new double[] {ParameterDomains.MIN_LOG_IRREDUCIBLE, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                MIN_EXPONENT, MIN_EXPONENT, MIN_LOG_R_STAR, MIN_LOG_R_STAR};
    }

    @Override
    public double[] internalUpperBounds() {
        return withRepetition(base.internalUpperBounds(), MAX_LOG_R_STAR, MAX_LOG_R_STAR);
    }

    @Override
    public List<double[]> startingGrid() {
        return GRID;
    }

    @Override
    public double[] toNatural(double[] internal) {
        return withRepetition(base.toNatural(internal), Math.exp(internal[5]), Math.exp(internal[6]));
    }

    @Override
    public double[] toInternal(double[] natural) {
        return withRepetition(base.toInternal(natural), Math.log(natural[5]), Math.log(natural[6]));
    }

    /** Hoffmann's five values of the base form followed by the two of repetition, R*_D's and R*_N's. */
    private static double[] withRepetition(double[] hoffmann, double rStarD, double rStarN) {
        double[] all = java.util.Arrays.copyOf(hoffmann, 7);
        all[5] = rStarD;
        all[6] = rStarN;
        return all;
    }

    @Override
    public ScalingLaw law(double[] natural, double flopsPerToken) {
        return new DataConstrainedLaw(new ChinchillaLaw(natural[0], natural[1], natural[2], natural[3], natural[4]),
                natural[5], natural[6]);
    }

    /**
     * Hoffmann's derived quantities of the base law: with unlimited unique data the compute-optimal model
     * is never larger than U_N, so N' = N, D' = D there and the frontier is Hoffmann's.
     */
    @Override
    public Map<String, Double> derived(double[] natural, double maxFlops, double flopsPerToken) {
        return base.derived(java.util.Arrays.copyOf(natural, 5), maxFlops, flopsPerToken);
    }

    /** R*_D needs runs that repeat their data: at least {@value #MIN_REPEATED_RUNS} of them. */
    @Override
    public Optional<FitFailure> unidentifiable(FitData data) {
        long repeated = java.util.Arrays.stream(data.epochs()).filter(epochs -> epochs > 1).count();
        if (repeated >= MIN_REPEATED_RUNS) {
            return Optional.empty();
        }
        return Optional.of(new FitFailure(Reason.NOT_IDENTIFIABLE, repeated + " of the " + data.size()
                + " runs repeat their data (tokens above uniqueTokens); " + ID + " needs at least "
                + MIN_REPEATED_RUNS + " such runs to fit R*_D. Upload runs with uniqueTokens, some trained for"
                + " several epochs", Map.of("repeatedRuns", repeated, "minimumRepeatedRuns", MIN_REPEATED_RUNS)));
    }

    /** Indices of the runs whose N exceeds U_N under the natural parameters: the runs that determine R*_N. */
    static List<Integer> oversized(double[] natural, FitData data) {
        double[] parameters = data.parameters();
        double[] tokens = data.tokens();
        double[] unique = data.uniqueTokens();
        List<Integer> oversized = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            double logBase = Repetition.logComputeOptimalParameters(natural[3], Math.log(natural[1]), natural[4],
                    Math.log(natural[2]), Math.log(Math.min(tokens[i], unique[i])));
            if (Math.log(parameters[i]) > logBase) {
                oversized.add(i);
            }
        }
        return oversized;
    }
}
