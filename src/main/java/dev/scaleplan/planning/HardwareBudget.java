package dev.scaleplan.planning;

import java.util.OptionalDouble;

/**
 * A budget stated as hardware: {@code count} accelerators for {@code hours} of wall-clock time at a model
 * FLOPs utilisation {@code mfu}, optionally priced per accelerator-hour.
 *
 * @param accelerator the accelerator model
 * @param count how many accelerators run in parallel
 * @param hours wall-clock hours
 * @param mfu achieved fraction of peak FLOP/s, in (0, 1]
 * @param pricePerHour price of one accelerator-hour, or {@code null} when unknown
 * @throws IllegalArgumentException for a non-positive count, hours or price, an MFU outside (0, 1], or a
 *         budget whose FLOPs exceed floating-point range
 */
public record HardwareBudget(Accelerator accelerator, long count, double hours, double mfu, Double pricePerHour) {

    public HardwareBudget {
        if (accelerator == null) {
            throw new IllegalArgumentException("accelerator must not be null");
        }
        if (count <= 0) {
            throw new IllegalArgumentException("count must be at least 1, but was " + count);
        }
        Checks.positive(hours, "hours");
        Checks.positive(mfu, "mfu");
        if (mfu > 1) {
            throw new IllegalArgumentException("mfu must be at most 1, but was " + mfu);
        }
        if (pricePerHour != null) {
            Checks.nonNegative(pricePerHour, "pricePerHour");
        }
        double flops = (double) count * hours * 3600 * accelerator.peakFlopsPerSecond() * mfu;
        double cost = pricePerHour == null ? 0 : (double) count * hours * pricePerHour;
        if (!Double.isFinite(flops) || !Double.isFinite(cost)) {
            throw new IllegalArgumentException("the hardware budget is beyond floating-point range");
        }
    }

    /** A budget at the catalogue's default MFU and no price. */
    public static HardwareBudget of(Accelerator accelerator, long count, double hours) {
        return new HardwareBudget(accelerator, count, hours, AcceleratorCatalogue.DEFAULT_MFU, null);
    }

    /** Training compute C = count · hours · 3600 · peak FLOP/s · MFU. */
    public double flops() {
        return (double) count * hours * 3600 * accelerator.peakFlopsPerSecond() * mfu;
    }

    /** count · hours. */
    public double acceleratorHours() {
        return (double) count * hours;
    }

    /** Wall-clock duration of the run: the accelerators work in parallel. */
    public double wallClockHours() {
        return hours;
    }

    /** count · hours · price, when a price was given. */
    public OptionalDouble cost() {
        return pricePerHour == null ? OptionalDouble.empty() : OptionalDouble.of(acceleratorHours() * pricePerHour);
    }
}
