package dev.scaleplan.runs;

/** The ranges a run's fields must lie in; wide enough for any real training run, narrow enough to keep arithmetic finite. */
final class RunLimits {

    static final double MAX_PARAMETERS = 1e15;
    /** Expert counts in published routed models stay in the thousands (Clark et al. 2022 go to 512). */
    static final long MAX_EXPERTS = 1_000_000;
    static final double MAX_TOKENS = 1e17;
    static final double MAX_LOSS = 100;
    static final double MAX_FLOPS = 1e32;
    static final double MAX_LEARNING_RATE = 10;
    static final long MAX_BATCH_SIZE = 1_000_000_000_000L;
    static final int MAX_TEXT = 200;
    static final int MAX_ENTRIES = 64;
    static final int MAX_TAG_VALUE = 256;
    static final String NAME_PATTERN = "[A-Za-z0-9_.:-]{1,64}";
    static final int MAX_REPORTED_ERRORS = 100;

    private RunLimits() {
    }
}
