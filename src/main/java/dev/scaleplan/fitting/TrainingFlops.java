package dev.scaleplan.fitting;

import java.util.Optional;

/**
 * FLOPs per training token f(N) of a model of N parameters, so that training compute is C = f(N)·D: the
 * compute axis a project declares ({@link FlopsConvention}). Plans need f at model sizes no run had; under
 * {@code 6N} it is exact everywhere, otherwise it is read off the runs ({@link LogLogInterpolation}) and
 * {@link #interpolationRange()} says over which sizes.
 */
public sealed interface TrainingFlops {

    /** f(N), the FLOPs per training token of a model of {@code parameters}. */
    double perToken(double parameters);

    /** The N whose f(N) is {@code perToken} (f increases with N). */
    double parametersFor(double perToken);

    /** The model sizes f was read off, outside which it is extrapolated; empty when f is exact everywhere. */
    Optional<Range> interpolationRange();

    /** C = f(N)·D. */
    default double flops(double parameters, double tokens) {
        return perToken(parameters) * tokens;
    }

    /** D = C / f(N). */
    default double tokens(double parameters, double flops) {
        return flops / perToken(parameters);
    }

    /**
     * Forward FLOPs per inference token: a third of the training FLOPs (forward 2N plus the attention term,
     * backward twice the forward: Kaplan et al. 2020, §2.1 and Table 1).
     */
    default double inferencePerToken(double parameters) {
        return perToken(parameters) / 3;
    }

    /** Whether f was extrapolated at {@code parameters}. */
    default boolean extrapolates(double parameters) {
        return interpolationRange().map(r -> parameters < r.min() * (1 - 1e-9) || parameters > r.max() * (1 + 1e-9))
                .orElse(false);
    }

    /** f(N) = k·N: the {@code 6N} convention, with k FLOPs per parameter per token. */
    static TrainingFlops linear(double flopsPerParameter) {
        return new Linear(flopsPerParameter);
    }

    /**
     * f(N) = k·N + g(N), g read off the runs: the attention term 6·n_layer·n_ctx·d_model with k the project's
     * FLOPs per parameter ({@code 6N+attention}), or the runs' reported FLOPs per token with k = 0
     * ({@code given}).
     */
    static TrainingFlops interpolated(double flopsPerParameter, LogLogInterpolation extra) {
        return new Interpolated(flopsPerParameter, extra);
    }

    /** f(N) = k·N. */
    record Linear(double flopsPerParameter) implements TrainingFlops {

        public Linear {
            if (!(flopsPerParameter > 0 && Double.isFinite(flopsPerParameter))) {
                throw new IllegalArgumentException("flopsPerParameter must be finite and positive, but was "
                        + flopsPerParameter);
            }
        }

        @Override
        public double perToken(double parameters) {
            return flopsPerParameter * parameters;
        }

        @Override
        public double parametersFor(double perToken) {
            return perToken / flopsPerParameter;
        }

        @Override
        public Optional<Range> interpolationRange() {
            return Optional.empty();
        }

        /**
         * 2N per token (Kaplan et al. 2020, §2.1) whatever k: a k other than 6 counts training work (say,
         * activation recomputation) that inference does not do.
         */
        @Override
        public double inferencePerToken(double parameters) {
            return 2 * parameters;
        }
    }

    /** f(N) = k·N + g(N) with g interpolated in log-log space. */
    record Interpolated(double flopsPerParameter, LogLogInterpolation extra) implements TrainingFlops {

        public Interpolated {
            if (!(flopsPerParameter >= 0 && Double.isFinite(flopsPerParameter)) || extra == null) {
                throw new IllegalArgumentException("flopsPerParameter must be finite and not negative, and extra given");
            }
        }

        @Override
        public double perToken(double parameters) {
            return flopsPerParameter * parameters + extra.at(parameters);
        }

        /** Bisection in ln N: f is non-decreasing and continuous, and its ln moves by at most a few per unit ln N. */
        @Override
        public double parametersFor(double perToken) {
            double lo = 0;
            double hi = Math.log(extra.range().max());
            while (perToken(Math.exp(lo)) > perToken && lo > -700) {
                lo -= 16;
            }
            while (perToken(Math.exp(hi)) < perToken && hi < 700) {
                hi += 16;
            }
            for (int i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(hi)); i++) {
                double mid = 0.5 * (lo + hi);
                if (perToken(Math.exp(mid)) < perToken) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return Math.exp(0.5 * (lo + hi));
        }

        @Override
        public Optional<Range> interpolationRange() {
            return Optional.of(extra.range());
        }
    }
}
