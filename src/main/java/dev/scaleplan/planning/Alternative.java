package dev.scaleplan.planning;

/**
 * One way to spend a budget, for side-by-side comparison.
 *
 * @param strategy stable name, e.g. {@code compute-optimal}
 * @param description one line saying what it is and where it comes from
 * @param allocation N, D and the loss predicted under the project's law
 */
public record Alternative(String strategy, String description, Allocation allocation) implements PlanResult {
}
