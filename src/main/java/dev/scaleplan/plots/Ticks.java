package dev.scaleplan.plots;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/** Tick labels people read at a glance: compute as {@code 1e18}, counts as {@code 70B} or {@code 1.4T}. */
final class Ticks {

    private static final String[] SUFFIXES = {"", "K", "M", "B", "T", "P", "E"};

    private Ticks() {
    }

    /** {@code 1e18}, {@code 3.2e18}: powers of ten as engineers write FLOPs. */
    static String scientific(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            return value == 0 ? "0" : String.valueOf(value);
        }
        int exponent = (int) Math.floor(Math.log10(value) + 1e-9);
        double mantissa = value / Math.pow(10, exponent);
        String digits = String.format(Locale.ROOT, "%.1f", mantissa);
        if (digits.equals("10.0")) {
            exponent++;
            digits = "1.0";
        }
        if (digits.endsWith(".0")) {
            digits = digits.substring(0, digits.length() - 2);
        }
        return digits + "e" + exponent;
    }

    /** {@code 400M}, {@code 70B}, {@code 1.4T}: model sizes and token counts with SI-style suffixes. */
    static String count(double value) {
        if (value == 0) {
            return "0";
        }
        if (!(Math.abs(value) >= 1) || !Double.isFinite(value)) {
            return String.format(Locale.ROOT, "%.2g", value);
        }
        int group = Math.min(SUFFIXES.length - 1, (int) Math.floor(Math.log10(Math.abs(value)) / 3 + 1e-9));
        double scaled = value / Math.pow(1000, group);
        String digits = scaled >= 100 ? String.format(Locale.ROOT, "%.0f", scaled)
                : scaled >= 10 ? String.format(Locale.ROOT, "%.1f", scaled) : String.format(Locale.ROOT, "%.2f", scaled);
        digits = digits.contains(".") ? digits.replaceAll("0+$", "").replaceAll("\\.$", "") : digits;
        return digits + SUFFIXES[group];
    }

    /** US dollars with a suffix: {@code $1.8M}. */
    static String dollars(double value) {
        return "$" + count(value);
    }

    /** A {@link NumberFormat} over one of the functions above, for JFreeChart axes. */
    static NumberFormat format(java.util.function.DoubleFunction<String> label) {
        return new LabelFormat(label);
    }

    /** A format of {@code 10^v}: for axes whose values are already base-10 logarithms. */
    static NumberFormat ofLog10(java.util.function.DoubleFunction<String> label) {
        return new LabelFormat(v -> label.apply(Math.pow(10, v)));
    }

    private static final class LabelFormat extends NumberFormat {
        private final transient java.util.function.DoubleFunction<String> label;

        LabelFormat(java.util.function.DoubleFunction<String> label) {
            this.label = label;
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(label.apply(number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(label.apply(number));
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            throw new UnsupportedOperationException("tick labels are not parsed");
        }
    }
}
