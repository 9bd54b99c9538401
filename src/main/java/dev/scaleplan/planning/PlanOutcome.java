package dev.scaleplan.planning;

import java.util.function.Function;

/**
 * What a planner returns: a plan, or the reason there is none. Failures are values, not exceptions;
 * exceptions are kept for invalid arguments.
 *
 * @param <T> the kind of plan
 */
public sealed interface PlanOutcome<T> {

    /** A plan was found. */
    record Planned<T>(T plan) implements PlanOutcome<T> {
        public Planned {
            if (plan == null) {
                throw new IllegalArgumentException("plan must not be null");
            }
        }
    }

    /** The goal (a target loss, usually) cannot be reached under the law; {@code reason} says why in words. */
    record Unreachable<T>(String reason) implements PlanOutcome<T> {
    }

    /** The law cannot split compute between parameters and tokens (a single power law), so no allocation exists. */
    record CannotAllocate<T>(String reason) implements PlanOutcome<T> {
    }

    static <T> PlanOutcome<T> planned(T plan) {
        return new Planned<>(plan);
    }

    static <T> PlanOutcome<T> unreachable(String reason) {
        return new Unreachable<>(reason);
    }

    /** Whether a plan was found. */
    default boolean isPlanned() {
        return this instanceof Planned;
    }

    /**
     * The plan.
     *
     * @throws IllegalStateException with the failure's reason when there is no plan
     */
    default T orElseThrow() {
        if (this instanceof Planned<T> planned) {
            return planned.plan();
        }
        throw new IllegalStateException(reason());
    }

    /** The failure's reason, or {@code null} for a plan. */
    default String reason() {
        if (this instanceof Unreachable<T> unreachable) {
            return unreachable.reason();
        }
        if (this instanceof CannotAllocate<T> cannotAllocate) {
            return cannotAllocate.reason();
        }
        return null;
    }

    /** Transforms the plan, keeping a failure (and its reason) as it is. */
    default <R> PlanOutcome<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof Planned<T> planned) {
            return new Planned<>(mapper.apply(planned.plan()));
        }
        if (this instanceof CannotAllocate<T> cannotAllocate) {
            return new CannotAllocate<>(cannotAllocate.reason());
        }
        return new Unreachable<>(reason());
    }

    /** Chains a planning step that may itself fail. */
    default <R> PlanOutcome<R> flatMap(Function<? super T, PlanOutcome<R>> next) {
        if (this instanceof Planned<T> planned) {
            return next.apply(planned.plan());
        }
        if (this instanceof CannotAllocate<T> cannotAllocate) {
            return new CannotAllocate<>(cannotAllocate.reason());
        }
        return new Unreachable<>(reason());
    }
}
