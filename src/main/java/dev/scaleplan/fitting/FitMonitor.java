package dev.scaleplan.fitting;

import java.time.Duration;

/**
 * Lets the caller of a fit follow it and stop it: the fitter reports each phase's progress and asks,
 * between starts and between bootstrap draws, whether to stop. Called from the fitter's pool threads
 * concurrently, so implementations must be thread-safe and cheap.
 */
public interface FitMonitor {

    /** A monitor that ignores progress and never stops the fit. */
    FitMonitor NONE = new FitMonitor() {
    };

    /** The stages of a fit, in order; the held-out refit runs only when asked for. */
    enum Phase {
        GRID, BOOTSTRAP, HOLDOUT
    }

    /** Why a fit must stop before it is done. */
    enum Stop {
        /** Whoever asked for the fit no longer wants it. */
        CANCELLED,
        /** The fit used up its time budget. */
        TIME_BUDGET
    }

    /** {@code fraction} in [0, 1] of {@code phase} is done. */
    default void progress(Phase phase, double fraction) {
    }

    /** Null while the fit may go on, else why it must stop. */
    default Stop stop() {
        return null;
    }

    /** This monitor, also stopping the fit with {@link Stop#TIME_BUDGET} once {@code budget} from now has passed. */
    default FitMonitor withTimeBudget(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        return new Relay(this) {
            @Override
            protected Stop stop(Stop relayed) {
                return relayed != null ? relayed : System.nanoTime() - deadline > 0 ? Stop.TIME_BUDGET : null;
            }
        };
    }

    /** A monitor that passes progress on to another and decides from the other's answer whether to stop. */
    abstract class Relay implements FitMonitor {

        private final FitMonitor monitor;

        protected Relay(FitMonitor monitor) {
            this.monitor = monitor;
        }

        @Override
        public final void progress(Phase phase, double fraction) {
            monitor.progress(phase, fraction);
        }

        @Override
        public final Stop stop() {
            return stop(monitor.stop());
        }

        /** Null while the fit may go on, else why it must stop; {@code relayed} is the other monitor's answer. */
        protected abstract Stop stop(Stop relayed);
    }
}
