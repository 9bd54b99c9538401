package dev.scaleplan.planning;

import java.util.List;
import java.util.Optional;

/**
 * The accelerators a hardware budget can name, with peak dense BF16 FLOP/s from the vendors' datasheets
 * (datasheets quote "with sparsity" figures too; those are twice the dense ones and are not used here).
 */
public final class AcceleratorCatalogue {

    /**
     * Model FLOPs utilisation assumed when none is given: large dense-transformer runs typically reach
     * 35–45% of peak (e.g. PaLM reported 46%, Chowdhery et al. 2022, Table 3).
     */
    public static final double DEFAULT_MFU = 0.4;

    private static final List<Accelerator> ACCELERATORS = List.of(
            new Accelerator("a100-80gb", "NVIDIA A100 80GB", 312e12, 80,
                    "NVIDIA A100 Tensor Core GPU datasheet: BF16 312 TFLOPS dense (624 with sparsity), 80 GB HBM2e"),
            new Accelerator("h100-sxm", "NVIDIA H100 SXM", 989e12, 80,
                    "NVIDIA H100 Tensor Core GPU datasheet: BF16 1,979 TFLOPS with sparsity, i.e. 989 dense;"
                            + " 80 GB HBM3"),
            new Accelerator("h200", "NVIDIA H200 SXM", 989e12, 141,
                    "NVIDIA H200 Tensor Core GPU datasheet: BF16 1,979 TFLOPS with sparsity, i.e. 989 dense;"
                            + " 141 GB HBM3e"),
            new Accelerator("b200", "NVIDIA B200", 2.25e15, 180,
                    "NVIDIA DGX B200 datasheet: 72 PFLOPS FP8 training per 8 GPUs (sparse), i.e. 2.25 PFLOPS"
                            + " dense BF16 per GPU; 1,440 GB HBM3e per 8 GPUs, i.e. 180 GB each (GTC 2024"
                            + " announcements said 192 GB)"),
            new Accelerator("mi300x", "AMD Instinct MI300X", 1.3e15, 192,
                    "AMD Instinct MI300X datasheet: BF16 1,307.4 TFLOPS dense (rounded to 1.3 PFLOPS),"
                            + " 192 GB HBM3"));

    private AcceleratorCatalogue() {
    }

    /** Every accelerator, in a stable order. */
    public static List<Accelerator> all() {
        return ACCELERATORS;
    }

    /** The accelerator with this id (e.g. {@code h100-sxm}), if catalogued. */
    public static Optional<Accelerator> find(String id) {
        return ACCELERATORS.stream().filter(accelerator -> accelerator.id().equals(id)).findFirst();
    }
}
