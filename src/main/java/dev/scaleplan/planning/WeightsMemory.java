package dev.scaleplan.planning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory to hold a model's weights: total parameters × bytes per parameter (2 for BF16), and how
 * many of each accelerator that takes by on-board memory alone (no optimiser state, activations or
 * KV cache, which a training or serving setup adds on top).
 *
 * @param totalParameters parameters held in memory (all experts of a routed model)
 * @param bytesPerParameter bytes per weight
 * @param weightsBytes {@code totalParameters · bytesPerParameter}
 * @param acceleratorsToHoldWeights accelerator id → {@code ⌈weightsBytes / memory⌉}
 */
public record WeightsMemory(double totalParameters, double bytesPerParameter, double weightsBytes,
                            Map<String, Long> acceleratorsToHoldWeights) {

    /** BF16: two bytes per parameter. */
    public static final double BF16_BYTES = 2;

    public static WeightsMemory of(double totalParameters, double bytesPerParameter, List<Accelerator> accelerators) {
        Checks.positive(totalParameters, "totalParameters");
        Checks.positive(bytesPerParameter, "bytesPerParameter");
        double bytes = totalParameters * bytesPerParameter;
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Accelerator accelerator : accelerators) {
            counts.put(accelerator.id(), (long) Math.ceil(bytes / accelerator.memoryBytes()));
        }
        return new WeightsMemory(totalParameters, bytesPerParameter, bytes, Map.copyOf(counts));
    }
}
