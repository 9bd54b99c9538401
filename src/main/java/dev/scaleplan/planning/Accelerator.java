package dev.scaleplan.planning;

/**
 * An accelerator model with its vendor's peak dense BF16 throughput (no structured sparsity).
 *
 * @param id stable identifier, e.g. {@code h100-sxm}
 * @param name display name
 * @param peakFlopsPerSecond peak dense BF16 FLOP/s
 * @param memoryGb on-board memory in gigabytes (10⁹ bytes)
 * @param source where the figures come from
 */
public record Accelerator(String id, String name, double peakFlopsPerSecond, double memoryGb, String source) {

    public Accelerator {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        Checks.positive(peakFlopsPerSecond, "peakFlopsPerSecond");
        Checks.positive(memoryGb, "memoryGb");
    }

    /** Memory in bytes. */
    public double memoryBytes() {
        return memoryGb * 1e9;
    }
}
