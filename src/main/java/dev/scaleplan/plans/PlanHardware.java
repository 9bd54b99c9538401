package dev.scaleplan.plans;

import dev.scaleplan.planning.Accelerator;
import dev.scaleplan.planning.AcceleratorCatalogue;
import dev.scaleplan.planning.HardwareBudget;

/** The hardware named in a plan's budget: an accelerator and a count, with hours when it is a budget. */
record PlanHardware(Accelerator accelerator, long count, Double hours, double mfu, Double pricePerHour) {

    Double flops() {
        return hours == null ? null : new HardwareBudget(accelerator, count, hours, mfu, pricePerHour).flops();
    }

    /** The figures for a plan of {@code flops}: given hours for a budget, else the hours it would take. */
    PlanResponse.Hardware figures(double flops) {
        double wallClock = hours != null ? hours
                : flops / ((double) count * 3600 * accelerator.peakFlopsPerSecond() * mfu);
        double acceleratorHours = count * wallClock;
        return new PlanResponse.Hardware(accelerator.id(), count, mfu, accelerator.peakFlopsPerSecond(), wallClock,
                acceleratorHours, pricePerHour, pricePerHour == null ? null : acceleratorHours * pricePerHour);
    }

    /** The hardware {@code budget} names, or null when it names none; a 400 naming the field when it is incomplete. */
    static PlanHardware of(PlanRequest.Budget budget) {
        if (budget == null || budget.accelerator() == null) {
            if (budget != null && (budget.count() != null || budget.hours() != null || budget.mfu() != null
                    || budget.pricePerHour() != null)) {
                throw PlanService.invalid("budget/accelerator", "is required with count, hours, mfu or pricePerHour");
            }
            return null;
        }
        if (budget.flops() != null) {
            throw PlanService.invalid("budget/flops", "give either flops or an accelerator budget, not both");
        }
        Accelerator accelerator = AcceleratorCatalogue.find(budget.accelerator()).orElseThrow(() -> PlanService.invalid(
                "budget/accelerator", "unknown accelerator; GET /api/v1/accelerators lists them"));
        if (budget.count() == null) {
            throw PlanService.invalid("budget/count", "is required with an accelerator");
        }
        double mfu = budget.mfu() == null ? AcceleratorCatalogue.DEFAULT_MFU : budget.mfu();
        PlanHardware hardware = new PlanHardware(accelerator, budget.count(), budget.hours(), mfu, budget.pricePerHour());
        PlanService.guard(() -> hardware.flops());
        return hardware;
    }
}
