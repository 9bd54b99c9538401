package dev.scaleplan.planning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.scaleplan.fitting.Range;

/**
 * How far a point (a plan, or a prediction) reaches beyond the runs its law was fitted on. The one
 * definition used by plans and predictions alike: {@code ratio = C / largest fitted C}, and one
 * sentence naming every quantity outside the fitted runs.
 *
 * @param ratio   the point's compute over the largest fitted run's compute
 * @param warning the caution in words when N, D or C lies outside the fitted runs, else {@code null};
 *                stronger beyond {@value #WARN_ABOVE}× and {@value #STRONG_WARNING_ABOVE}×
 */
public record Extrapolation(double ratio, String warning) {

    /** Beyond this ratio predictions are called uncertain. */
    public static final double WARN_ABOVE = 10;

    /** Beyond this ratio the warning is stronger. */
    public static final double STRONG_WARNING_ABOVE = 1000;

    /**
     * The extrapolation of compute {@code plannedFlops} from runs of at most {@code maxObservedFlops},
     * when nothing else is known of the fitted runs.
     *
     * @throws IllegalArgumentException if either is not finite and positive
     */
    public static Extrapolation of(double plannedFlops, double maxObservedFlops) {
        Checks.positive(maxObservedFlops, "maxObservedFlops");
        return at(Double.NaN, Double.NaN, plannedFlops, FittedRegion.upToFlops(maxObservedFlops));
    }

    /**
     * The extrapolation of a run of N {@code parameters} on D {@code tokens} with compute {@code flops}
     * from the runs in {@code region}; NaN for N or D leaves it out (a law in compute alone).
     *
     * @throws IllegalArgumentException if {@code flops} or the largest fitted compute is not finite and positive
     */
    public static Extrapolation at(double parameters, double tokens, double flops, FittedRegion region) {
        Checks.positive(flops, "plannedFlops");
        double maxFlops = Checks.positive(region.flops().max(), "maxObservedFlops");
        double ratio = flops / maxFlops;
        if (!Double.isFinite(ratio)) {
            ratio = Double.MAX_VALUE;
        }
        List<String> outside = new ArrayList<>();
        List<String> fitted = new ArrayList<>();
        outside(outside, fitted, "N", parameters, region.parameters());
        outside(outside, fitted, "D", tokens, region.tokens());
        StringBuilder sentence = new StringBuilder();
        if (flops > maxFlops) {
            sentence.append("C = ").append(number(flops)).append(" is ").append(times(ratio))
                    .append(" the largest fitted run's compute (").append(number(maxFlops)).append(')');
        } else if (flops < region.flops().min()) {
            sentence.append("C = ").append(number(flops)).append(" is below the smallest fitted run's compute (")
                    .append(number(region.flops().min())).append(')');
        }
        if (!outside.isEmpty()) {
            sentence.append(sentence.isEmpty() ? "" : "; ").append(String.join(" and ", outside))
                    .append(outside.size() == 1 ? " lies" : " lie").append(" outside the fitted runs (")
                    .append(String.join(", ", fitted)).append(')');
        }
        if (sentence.isEmpty()) {
            return new Extrapolation(ratio, null);
        }
        sentence.append(". ").append(caution(ratio));
        return new Extrapolation(ratio, sentence.toString());
    }

    /** Whether the point lies outside the fitted runs. */
    public boolean hasWarning() {
        return warning != null;
    }

    /** A ratio as the sentence writes it: {@code 6.2×}, {@code 57×}, {@code 5,000×}, {@code 1.0e+12×}. */
    public static String times(double ratio) {
        if (ratio >= 0 && ratio < 1e6) {
            // As %.1f× below 10 and %,.0f× above, without Formatter's cost (BigDecimal rounds as it does).
            BigDecimal rounded = BigDecimal.valueOf(ratio).setScale(ratio < 10 ? 1 : 0, RoundingMode.HALF_UP);
            String digits = rounded.toPlainString();
            if (ratio < 10) {
                return digits + "×";
            }
            StringBuilder grouped = new StringBuilder(digits.length() + 4);
            for (int i = 0; i < digits.length(); i++) {
                if (i > 0 && (digits.length() - i) % 3 == 0) {
                    grouped.append(',');
                }
                grouped.append(digits.charAt(i));
            }
            return grouped.append('×').toString();
        }
        return ratio < 1e6 ? String.format(Locale.ROOT, "%.1f×", ratio) : String.format(Locale.ROOT, "%.1e×", ratio);
    }

    private static String caution(double ratio) {
        if (ratio > STRONG_WARNING_ABOVE) {
            return "Predictions this far out are highly speculative; add runs at larger scale before committing"
                    + " this budget.";
        }
        if (ratio > WARN_ABOVE) {
            return "Predictions this far out are uncertain.";
        }
        return "The law is extrapolated and its band may understate the error.";
    }

    private static void outside(List<String> outside, List<String> fitted, String name, double value, Range range) {
        if (!Double.isNaN(value) && (value < range.min() || value > range.max())) {
            outside.add(name + " = " + number(value));
            fitted.add(name + " " + number(range.min()) + " to " + number(range.max()));
        }
    }

    /**
     * {@code String.format(Locale.ROOT, "%.3g", value)}, about ten times faster: a prediction beyond the
     * fitted runs writes several of these per request.
     */
    static String number(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        // Formatter rounds the shortest decimal representation half up, as BigDecimal.valueOf gives it.
        BigDecimal rounded = BigDecimal.valueOf(value).round(THREE_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 3) {
            return rounded.setScale(2 - exponent, RoundingMode.HALF_UP).toPlainString();
        }
        String mantissa = rounded.movePointLeft(exponent).setScale(2, RoundingMode.HALF_UP).toPlainString();
        int size = Math.abs(exponent);
        return mantissa + (exponent < 0 ? "e-" : "e+") + (size < 10 ? "0" : "") + size;
    }

    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);
}
