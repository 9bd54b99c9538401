package dev.scaleplan.fitting;

/**
 * The parameter domains the built-in forms are fitted in. Exponents are non-negative (loss falls as
 * N, D or C grow) and at most {@link #MAX_EXPONENT}, far above published values (0.05–0.8); the
 * irreducible loss E is positive and at most e^5 ≈ 148, above the largest loss a run may report (100).
 */
final class ParameterDomains {

    static final double MAX_EXPONENT = 10;

    /** Kaplan's exponents stay strictly positive: its internal coefficients divide by them. */
    static final double MIN_KAPLAN_EXPONENT = 1e-4;

    /** ln E: E ≥ e^-20 ≈ 2e-9, i.e. "no irreducible loss" sits at this bound rather than at −∞. */
    static final double MIN_LOG_IRREDUCIBLE = -20;

    static final double MAX_LOG_IRREDUCIBLE = 5;

    private ParameterDomains() {
    }

    /** Whether {@code value} sits at {@code bound}, to the optimiser's resolution. */
    static boolean atBound(double value, double bound) {
        return Double.isFinite(bound) && Math.abs(value - bound) <= 1e-6 * (1 + Math.abs(bound));
    }
}
