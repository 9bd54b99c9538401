package dev.scaleplan.planning;

import dev.scaleplan.fitting.Estimate;

/**
 * A routed model for the same compute as a dense plan.
 *
 * @param experts expert count E
 * @param parameters active parameters per token N (what FLOPs follow)
 * @param totalParameters parameters held in memory, {@code N·(1 + φ·(E − 1))}
 * @param tokens training tokens D
 * @param flops training compute {@code k·N·D}
 * @param loss predicted loss under the routed law, with its bootstrap interval
 * @param effectiveParameters the dense size with the same predicted loss (Clark et al. 2022, §5), with interval
 * @param memory memory to hold the weights
 */
public record MoeOption(long experts, double parameters, double totalParameters, double tokens, double flops,
                        Estimate loss, Estimate effectiveParameters, WeightsMemory memory) {
}
