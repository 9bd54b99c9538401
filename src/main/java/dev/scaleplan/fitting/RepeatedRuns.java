package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * What repeated data does to a fit: which runs a law on fresh data should leave out, and how well a
 * data-constrained fit's R* are determined.
 */
public final class RepeatedRuns {

    /** Fewest runs past {@link Repetition#NEARLY_FRESH_EPOCHS} epochs (or oversized) before R* is called determined. */
    public static final int MIN_INFORMATIVE_RUNS = 5;

    /** An R* interval wider than this upper/lower ratio is reported as poorly determined. */
    public static final double MAX_R_STAR_RATIO = 3;

    private RepeatedRuns() {
    }

    /**
     * The runs a law on fresh data keeps: those within {@link Repetition#NEARLY_FRESH_EPOCHS} epochs, and a
     * warning saying how many were left out; when leaving them out would keep fewer than {@code minimumRuns},
     * every run is kept and the warning says the law is bent by them.
     *
     * @param kept indices of the runs to fit, in order
     */
    public record Screen(int[] kept, int leftOut, String warning) {
    }

    /**
     * The screen for fitting {@code form} on runs with these token and unique-token counts (U ≥ D for a run that
     * never repeats): every run for a form that models repetition, else as {@link #forFreshDataLaw}.
     */
    public static Screen screen(LawForm form, double[] tokens, double[] uniqueTokens) {
        if (form.usesUniqueTokens()) {
            return new Screen(IntStream.range(0, tokens.length).toArray(), 0, null);
        }
        return forFreshDataLaw(form.id(), tokens, uniqueTokens, form.parameterCount() + DataChecks.SPARE_POINTS);
    }

    /** The screen of runs with these token and unique-token counts for a law on fresh data. */
    public static Screen forFreshDataLaw(String form, double[] tokens, double[] uniqueTokens, int minimumRuns) {
        double[] epochs = IntStream.range(0, tokens.length)
                .mapToDouble(i -> Repetition.epochs(tokens[i], uniqueTokens[i])).toArray();
        int[] kept = IntStream.range(0, epochs.length)
                .filter(i -> epochs[i] <= Repetition.NEARLY_FRESH_EPOCHS).toArray();
        int repeated = epochs.length - kept.length;
        if (repeated == 0) {
            return new Screen(kept, 0, null);
        }
        String most = new java.math.BigDecimal(Arrays.stream(epochs).max().orElse(1))
                .round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        if (kept.length < minimumRuns) {
            return new Screen(IntStream.range(0, epochs.length).toArray(), 0, String.format(Locale.ROOT,
                    "%d of the %d runs repeat their unique tokens more than %.0f times (up to %s epochs); the %s law"
                            + " assumes fresh data, and too few runs would remain without them, so they were kept and"
                            + " bend the law (repeated tokens are worth less than fresh ones). Fit form"
                            + " data-constrained, or upload runs within %.0f epochs.", repeated, epochs.length,
                    Repetition.NEARLY_FRESH_EPOCHS, most, form, Repetition.NEARLY_FRESH_EPOCHS));
        }
        return new Screen(kept, repeated, String.format(Locale.ROOT,
                "%d of the %d runs repeat their unique tokens more than %.0f times (up to %s epochs) and were left"
                        + " out: the %s law assumes fresh data, and beyond about %.0f epochs repeated tokens are worth"
                        + " markedly less (Muennighoff et al. 2023). Fit form data-constrained to use them.",
                repeated, epochs.length, Repetition.NEARLY_FRESH_EPOCHS, most, form,
                Repetition.NEARLY_FRESH_EPOCHS));
    }

    /**
     * A data-constrained fit's cautions: R*_D rests on few runs past {@link Repetition#NEARLY_FRESH_EPOCHS}
     * epochs, R*_N on few runs larger than their unique data can use, or either interval spans more than
     * {@link #MAX_R_STAR_RATIO}×. Empty for other forms.
     */
    public static List<String> warnings(Fit fit, FitData data) {
        if (!DataConstrainedForm.ID.equals(fit.form())) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        long highEpoch = Arrays.stream(data.epochs()).filter(e -> e > Repetition.NEARLY_FRESH_EPOCHS).count();
        if (highEpoch < MIN_INFORMATIVE_RUNS) {
            warnings.add(String.format(Locale.ROOT, "Only %d of the %d runs go past %.0f epochs, where repeated data"
                            + " starts to lose value, so R*_D is poorly determined; add runs at 4 to 40 epochs.",
                    highEpoch, data.size(), Repetition.NEARLY_FRESH_EPOCHS));
        }
        int oversized = DataConstrainedForm.oversized(fit.estimate(), data).size();
        if (oversized < MIN_INFORMATIVE_RUNS) {
            warnings.add(String.format(Locale.ROOT, "Only %d of the %d runs are larger than the compute-optimal size"
                    + " for their unique tokens, so R*_N is poorly determined; add larger models on the same unique"
                    + " data.", oversized, data.size()));
        }
        for (String name : List.of("rStarD", "rStarN")) {
            Estimate e = fit.parameters().get(name);
            if (fit.bootstrapSize() > 0 && e != null && e.lower() > 0 && e.upper() / e.lower() > MAX_R_STAR_RATIO) {
                warnings.add(String.format(Locale.ROOT, "%s is poorly determined: its interval %.3g to %.3g spans"
                        + " %.1f×; plans on repeated data inherit that uncertainty.", name, e.lower(), e.upper(),
                        e.upper() / e.lower()));
            }
        }
        return warnings;
    }
}
