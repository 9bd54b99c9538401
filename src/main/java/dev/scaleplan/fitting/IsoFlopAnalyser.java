package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Hoffmann et al. 2022's Approach 2 (IsoFLOP profiles): group runs into compute budgets, fit a
 * least-squares parabola of ln L against ln N in each, take its minimum N*(C) (with D*(C) = C/(k·N*)
 * and L*(C)), and fit ln N* and ln D* against ln C across budgets for the exponents a and b. The
 * bootstrap resamples runs within each budget and repeats everything, so the intervals of a and b
 * carry the budgets' uncertainty; a budget whose resample has no minimum (curvature ≤ 0) is left out
 * of that draw's line, and a draw with fewer than three budgets left counts as failed. Stateless and
 * thread-safe.
 */
public final class IsoFlopAnalyser {

    /** Runs a budget needs for its parabola to count (Hoffmann et al. sweep 9 sizes or more). */
    public static final int MIN_RUNS_PER_BUDGET = 5;

    /** Usable budgets needed for the fit across budgets. */
    public static final int MIN_BUDGETS = 3;

    /** Fewest distinct model sizes a parabola can be fitted to. */
    private static final int MIN_DISTINCT_SIZES = 3;

    /** Analyses the runs; never throws for bad data, returns a {@link IsoFlopOutcome.Failure}. */
    public IsoFlopOutcome analyse(IsoFlopData data, IsoFlopOptions options) {
        for (int i = 0; i < data.size(); i++) {
            double[] values = {data.parametersOf(i), data.flopsOf(i), data.lossOf(i)};
            if (!Arrays.stream(values).allMatch(v -> Double.isFinite(v) && v > 0)) {
                return new IsoFlopOutcome.Failure("run " + data.runId(i) + " has a non-positive or non-finite N, "
                        + "C or loss", List.of(), List.of());
            }
        }
        BudgetGrouping.Result grouping = BudgetGrouping.group(data, options.tolerance());
        List<BudgetFit> fits = grouping.groups().stream().map(group -> BudgetFit.of(data, group, options)).toList();
        List<BudgetFit> usable = fits.stream().filter(fit -> fit.reason == null).toList();
        if (usable.size() < MIN_BUDGETS) {
            List<IsoFlopAnalysis.Budget> report = fits.stream().map(fit -> fit.report(null, options)).toList();
            return new IsoFlopOutcome.Failure(missing(fits, usable, grouping, options), report, grouping.leftOut());
        }
        double[] logFlops = usable.stream().mapToDouble(fit -> Math.log(fit.group.flops())).toArray();
        IsoFlopLaw law = acrossBudgets(logFlops, usable.stream().map(fit -> fit.parabola).toList(), options);

        int budgets = usable.size();
        double[][] budgetParameters = new double[budgets][options.bootstrap()];
        double[][] budgetLosses = new double[budgets][options.bootstrap()];
        List<IsoFlopLaw> draws = new ArrayList<>(options.bootstrap());
        for (int draw = 0; draw < options.bootstrap(); draw++) {
            SplittableRandom random = new SplittableRandom(Bootstrap.streamSeed(options.seed(), draw));
            List<Parabola> parabolas = new ArrayList<>(budgets);
            for (int b = 0; b < budgets; b++) {
                Parabola resampled = usable.get(b).resample(random);
                parabolas.add(resampled);
                boolean ok = resampled != null && resampled.hasMinimum();
                budgetParameters[b][draw] = ok ? Math.exp(resampled.vertex()) : Double.NaN;
                budgetLosses[b][draw] = ok ? Math.exp(resampled.valueAtVertex()) : Double.NaN;
            }
            // A budget whose resample has no minimum sits this draw out; the line needs MIN_BUDGETS others.
            int[] present = IntStream.range(0, budgets)
                    .filter(b -> parabolas.get(b) != null && parabolas.get(b).hasMinimum()).toArray();
            if (present.length >= MIN_BUDGETS) {
                IsoFlopLaw drawLaw = acrossBudgets(IntStream.of(present).mapToDouble(b -> logFlops[b]).toArray(),
                        IntStream.of(present).mapToObj(parabolas::get).toList(), options);
                if (finite(drawLaw)) {
                    draws.add(drawLaw);
                }
            }
        }

        List<IsoFlopAnalysis.Budget> report = new ArrayList<>();
        double squares = 0;
        int runsUsed = 0;
        List<Integer> usedRuns = new ArrayList<>();
        for (BudgetFit fit : fits) {
            int b = usable.indexOf(fit);
            report.add(fit.report(b < 0 ? null : new double[][] {budgetParameters[b], budgetLosses[b]}, options));
            if (b >= 0) {
                squares += fit.parabola.sumOfSquares();
                runsUsed += fit.group.members().length;
                Arrays.stream(fit.group.members()).forEach(usedRuns::add);
            }
        }
        FitData used = data.asFitData().select(usedRuns.stream().mapToInt(Integer::intValue).toArray());
        int p = 3 * budgets;
        double logMeanSquare = Math.log(Math.max(squares / runsUsed, 1e-300));
        double level = options.confidenceLevel();
        return new IsoFlopAnalysis(report, grouping.leftOut(),
                Percentiles.estimate(law.parametersExponent(),
                        draws.stream().mapToDouble(IsoFlopLaw::parametersExponent).toArray(), level),
                Percentiles.estimate(1 - law.parametersExponent(),
                        draws.stream().mapToDouble(d -> 1 - d.parametersExponent()).toArray(), level),
                Percentiles.estimate(law.lossExponent(),
                        draws.stream().mapToDouble(IsoFlopLaw::lossExponent).toArray(), level),
                law, draws, options.bootstrap(), level, options.seed(), options.tolerance(), runsUsed,
                Range.of(used.parameters()), Range.of(used.tokens()), Range.of(used.flops()), squares,
                Math.sqrt(squares / runsUsed), runsUsed * logMeanSquare + 2 * p,
                runsUsed * logMeanSquare + p * Math.log(runsUsed));
    }

    /**
     * Least-squares lines of ln N* and ln L* against ln C across budgets, and the geometric mean of the
     * curvatures. The line of ln D* = ln C − ln k − ln N* has slope exactly 1 − a, so b = 1 − a.
     */
    private static IsoFlopLaw acrossBudgets(double[] logFlops, List<Parabola> parabolas, IsoFlopOptions options) {
        double[] logParameters = parabolas.stream().mapToDouble(Parabola::vertex).toArray();
        double[] logLoss = parabolas.stream().mapToDouble(Parabola::valueAtVertex).toArray();
        double logCurvature = parabolas.stream().mapToDouble(p -> Math.log(p.curvature())).average().orElseThrow();
        double[] parameterLine = line(logFlops, logParameters);
        double[] lossLine = line(logFlops, logLoss);
        return new IsoFlopLaw(parameterLine[0], parameterLine[1], lossLine[0], lossLine[1], Math.exp(logCurvature),
                options.flopsPerToken());
    }

    /** Intercept and slope of the ordinary least-squares line y = c + s·x. */
    static double[] line(double[] x, double[] y) {
        double meanX = Arrays.stream(x).average().orElseThrow();
        double meanY = Arrays.stream(y).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
        }
        double slope = sxy / sxx;
        return new double[] {meanY - slope * meanX, slope};
    }

    private static boolean finite(IsoFlopLaw law) {
        return Double.isFinite(law.logParametersCoefficient()) && Double.isFinite(law.parametersExponent())
                && Double.isFinite(law.logLossCoefficient()) && Double.isFinite(law.lossExponent())
                && Double.isFinite(law.curvature()) && law.curvature() > 0;
    }

    private static String missing(List<BudgetFit> fits, List<BudgetFit> usable, BudgetGrouping.Result grouping,
                                  IsoFlopOptions options) {
        StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
                "An IsoFLOP analysis needs at least %d usable budgets, each with at least %d runs of (nearly) equal "
                        + "compute whose model sizes span the loss minimum; found %d usable",
                MIN_BUDGETS, MIN_RUNS_PER_BUDGET, usable.size()));
        if (!usable.isEmpty()) {
            message.append(usable.stream().map(fit -> String.format(Locale.ROOT, "%.3g FLOPs: %d runs",
                    fit.group.flops(), fit.group.members().length)).collect(Collectors.joining("; ", " (", ")")));
        }
        List<BudgetFit> excluded = fits.stream().filter(fit -> fit.reason != null).toList();
        if (!excluded.isEmpty()) {
            message.append(". Excluded: ").append(excluded.stream().map(fit -> String.format(Locale.ROOT,
                    "%.3g FLOPs (%s)", fit.group.flops(), fit.reason)).collect(Collectors.joining("; ")));
        }
        if (!grouping.leftOut().isEmpty()) {
            message.append(String.format(Locale.ROOT, ". %d run%s in no budget (no budget tag and fewer than %d "
                            + "runs within %.0f%% compute)", grouping.leftOut().size(),
                    grouping.leftOut().size() == 1 ? "" : "s", BudgetGrouping.MIN_UNTAGGED_GROUP,
                    options.tolerance() * 100));
        }
        return message.append(". Add runs, or tag each run with its budget (tags.budget).").toString();
    }

    /** One budget's parabola on all its runs, and why it is excluded (null when usable). */
    private static final class BudgetFit {
        final BudgetGrouping.Group group;
        final long[] runIds;
        final double[] logParameters;
        final double[] logLoss;
        final Parabola parabola;
        final String reason;

        private BudgetFit(BudgetGrouping.Group group, long[] runIds, double[] logParameters, double[] logLoss,
                          Parabola parabola, String reason) {
            this.group = group;
            this.runIds = runIds;
            this.logParameters = logParameters;
            this.logLoss = logLoss;
            this.parabola = parabola;
            this.reason = reason;
        }

        static BudgetFit of(IsoFlopData data, BudgetGrouping.Group group, IsoFlopOptions options) {
            int[] members = group.members();
            double[] x = Arrays.stream(members).mapToDouble(i -> Math.log(data.parametersOf(i))).toArray();
            double[] y = Arrays.stream(members).mapToDouble(i -> Math.log(data.lossOf(i))).toArray();
            double[] ones = new double[members.length];
            Arrays.fill(ones, 1);
            Parabola parabola = Parabola.fit(x, y, ones);
            long[] runIds = Arrays.stream(members).mapToLong(data::runId).toArray();
            return new BudgetFit(group, runIds, x, y, parabola, exclusion(group, x, parabola, options));
        }

        private static String exclusion(BudgetGrouping.Group group, double[] x, Parabola parabola,
                                        IsoFlopOptions options) {
            int runs = group.members().length;
            if (group.tag() != null && group.flopsSpread() > options.tolerance() * (1 + 1e-12)) {
                return String.format(Locale.ROOT, "its runs' compute spans %.3g×; the runs of one budget must lie "
                        + "within %.0f%% of each other", 1 + group.flopsSpread(), options.tolerance() * 100);
            }
            if (runs < MIN_RUNS_PER_BUDGET) {
                return String.format(Locale.ROOT, "only %d runs; a budget needs at least %d", runs,
                        MIN_RUNS_PER_BUDGET);
            }
            long sizes = Arrays.stream(x).distinct().count();
            if (sizes < MIN_DISTINCT_SIZES || parabola == null) {
                return String.format(Locale.ROOT, "only %d distinct model sizes; a parabola needs at least %d",
                        sizes, MIN_DISTINCT_SIZES);
            }
            if (!parabola.hasMinimum()) {
                return String.format(Locale.ROOT, "log loss is not convex in log N here (curvature %.3g ≤ 0), so "
                        + "the sweep shows no minimum", parabola.curvature());
            }
            double smallest = Arrays.stream(x).min().orElseThrow();
            double largest = Arrays.stream(x).max().orElseThrow();
            if (parabola.vertex() < smallest) {
                return String.format(Locale.ROOT, "the fitted minimum (N* ≈ %.3g) lies below the smallest model "
                        + "sampled (%.3g); add smaller models", Math.exp(parabola.vertex()), Math.exp(smallest));
            }
            if (parabola.vertex() > largest) {
                return String.format(Locale.ROOT, "the fitted minimum (N* ≈ %.3g) lies above the largest model "
                        + "sampled (%.3g); add larger models", Math.exp(parabola.vertex()), Math.exp(largest));
            }
            return null;
        }

        /** The parabola on a resample (with replacement) of this budget's runs. */
        Parabola resample(SplittableRandom random) {
            int n = logParameters.length;
            double[] multiplicity = new double[n];
            for (int i = 0; i < n; i++) {
                multiplicity[random.nextInt(n)]++;
            }
            return Parabola.fit(logParameters, logLoss, multiplicity);
        }

        IsoFlopAnalysis.Budget report(double[][] draws, IsoFlopOptions options) {
            List<Long> runIds = Arrays.stream(this.runIds).boxed().toList();
            Double curvature = parabola == null ? null : parabola.curvature();
            if (reason != null || draws == null) {
                return new IsoFlopAnalysis.Budget(group.flops(), group.tag(), runIds, null, null, null, curvature,
                        true, reason);
            }
            double level = options.confidenceLevel();
            double k = options.flopsPerToken();
            double parameters = Math.exp(parabola.vertex());
            double[] tokenDraws = Arrays.stream(draws[0]).map(n -> group.flops() / (k * n)).toArray();
            return new IsoFlopAnalysis.Budget(group.flops(), group.tag(), runIds,
                    Percentiles.estimate(parameters, draws[0], level),
                    Percentiles.estimate(group.flops() / (k * parameters), tokenDraws, level),
                    Percentiles.estimate(Math.exp(parabola.valueAtVertex()), draws[1], level), curvature, false, null);
        }

    }
}
