package dev.scaleplan.fitting;

import java.util.Arrays;

/**
 * Which parameters a model size N counts: every parameter ({@code total}), or all but the token and
 * position embeddings ({@code non-embedding}, Kaplan et al. 2020, §2.1, whose laws are in that count;
 * Hoffmann et al. 2022 count the total).
 */
public enum ParameterCount {
    TOTAL("total"),
    NON_EMBEDDING("non-embedding");

    private final String wireName;

    ParameterCount(String wireName) {
        this.wireName = wireName;
    }

    /** The name clients send and read. */
    public String wireName() {
        return wireName;
    }

    /** The other count. */
    public ParameterCount other() {
        return this == TOTAL ? NON_EMBEDDING : TOTAL;
    }

    /**
     * The convention named {@code wireName}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static ParameterCount of(String wireName) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown parameter count '" + wireName + "'"));
    }
}
