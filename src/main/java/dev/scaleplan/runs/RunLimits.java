package dev.scaleplan.runs;

import dev.scaleplan.web.QuantityLimits;

/**
 * The ranges a run's fields must lie in, applied to the values as stored (a defaulted {@code flops}
 * = k·N·D included): wide enough for any real training run, narrow enough that arithmetic on them
 * stays finite and normal (no subnormal numbers such as 1e-320). Also the size limits of one upload,
 * enforced while it is read.
 */
final class RunLimits {

    static final double MIN_PARAMETERS = QuantityLimits.value(QuantityLimits.MIN_PARAMETERS);
    static final double MAX_PARAMETERS = QuantityLimits.value(QuantityLimits.MAX_PARAMETERS);
    static final double MIN_TOKENS = QuantityLimits.value(QuantityLimits.MIN_TOKENS);
    static final double MAX_TOKENS = QuantityLimits.value(QuantityLimits.MAX_TOKENS);
    static final double MIN_LOSS = QuantityLimits.value(QuantityLimits.MIN_LOSS);
    static final double MAX_LOSS = QuantityLimits.value(QuantityLimits.MAX_LOSS);
    static final double MIN_FLOPS = QuantityLimits.value(QuantityLimits.MIN_FLOPS);
    static final double MAX_FLOPS = QuantityLimits.value(QuantityLimits.MAX_FLOPS);
    static final double MIN_LEARNING_RATE = 1e-12;
    /** Expert counts in published routed models stay in the thousands (Clark et al. 2022 go to 512). */
    static final long MAX_EXPERTS = 1_000_000;
    static final double MAX_LEARNING_RATE = 10;
    /** Any finite metric, but a nonzero one must be a normal double (|x| ≥ 1e-300). */
    static final double MIN_METRIC_MAGNITUDE = 1e-300;
    static final long MAX_BATCH_SIZE = 1_000_000_000_000L;
    /** Transformer shape counts (layers, context length, width): far beyond any model, and an int. */
    static final long MAX_SHAPE_COUNT = Integer.MAX_VALUE;
    static final int MAX_TEXT = 200;
    static final int MAX_ENTRIES = 64;
    /** Metrics per run: an evaluation suite such as OLMo's has ~40 tasks, each with a loss and an accuracy. */
    static final int MAX_METRICS = 128;
    static final int MAX_TAG_VALUE = 256;
    static final int MAX_REPORTED_ERRORS = 100;

    /** Columns a CSV header may have (the known fields plus tag.NAME and metric.NAME columns). */
    static final int MAX_COLUMNS = 1000;
    /** Characters in one CSV record, quoted newlines included. */
    static final int MAX_RECORD_CHARS = 1 << 20;
    /** CSV cells in one upload (rows × columns). */
    static final long MAX_CELLS = 20_000_000;
    /** Tag and metric entries kept for one upload, over all its runs. */
    static final long MAX_ENTRIES_PER_UPLOAD = 1_000_000;

    /** "must be a number between 1 and 1e15": the one wording of a range, in uploads and in the API docs. */
    static String describeRange(double min, double max) {
        return "must be a number between " + format(min) + " and " + format(max);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e6 ? Long.toString((long) value) : String.valueOf(value);
    }

    private RunLimits() {
    }
}
