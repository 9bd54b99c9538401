package dev.scaleplan.fitting;

import java.util.Arrays;

/**
 * How training compute C is counted, the compute axis of every fit and plan:
 * <ul>
 *   <li>{@code 6N}: C = k·N·D, k FLOPs per parameter per token (6 for a dense transformer: 2 forward +
 *       4 backward, Kaplan et al. 2020, §2.1);</li>
 *   <li>{@code 6N+attention}: C = (k·N + 6·n_layer·n_ctx·d_model)·D, adding the attention's
 *       context-dependent term (Kaplan et al. 2020, Table 1: 2·n_layer·n_ctx·d_attn forward per token, ×3 for
 *       training);</li>
 *   <li>{@code given}: C is the FLOPs each run reports.</li>
 * </ul>
 */
public enum FlopsConvention {
    SIX_N("6N"),
    SIX_N_ATTENTION("6N+attention"),
    GIVEN("given");

    private final String wireName;

    FlopsConvention(String wireName) {
        this.wireName = wireName;
    }

    /** The name clients send and read. */
    public String wireName() {
        return wireName;
    }

    /**
     * The convention named {@code wireName}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static FlopsConvention of(String wireName) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown FLOPs convention '" + wireName + "'"));
    }
}
