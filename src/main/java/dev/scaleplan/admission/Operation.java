package dev.scaleplan.admission;

import java.util.Locale;

/** The expensive operations that admission limits, each with its own buckets. */
public enum Operation {
    /** {@code POST …/fits}: queues a fit job. */
    FITS,
    /** Backtests and what is derived from them (coverage). */
    BACKTESTS,
    /** Cross-checks that fit several laws on one request: dataset comparison, agreement. */
    COMPARISONS,
    /** Server-drawn plots (SVG or PNG). */
    RENDERS,
    /** CSV exports of a project's runs. */
    EXPORTS;

    /** The name in {@code RateLimit-Policy} and in configuration. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
