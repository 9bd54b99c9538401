package dev.scaleplan.fitting;

import java.util.List;
import java.util.Optional;

/** The functional forms of a downstream metric (or another evaluation set's loss) against the loss. */
public enum DownstreamShape {

    /** Gadre et al. 2024, their law of average top-1 error in loss: {@code Err(L) = ε − k·exp(−γ·L)}. */
    EXPONENTIAL("exponential", List.of("epsilon", "k", "gamma")),

    /**
     * A sigmoid in loss, as the sigmoid link of Ruan et al. 2024 (observational scaling laws):
     * {@code m(L) = floor + (ceiling − floor) / (1 + exp(slope·(L − midpoint)))}; floor is e.g. chance
     * accuracy, slope > 0 for a metric that rises as the loss falls.
     */
    SIGMOID("sigmoid", List.of("floor", "ceiling", "midpoint", "slope")),

    /** Brandfonbrener et al. 2024, loss-to-loss: {@code L_B = K·(L_A − E_A)^κ + E_B}. */
    SHIFTED_POWER("shifted-power", List.of("K", "kappa", "EA", "EB"));

    private final String id;
    private final List<String> parameterNames;

    DownstreamShape(String id, List<String> parameterNames) {
        this.id = id;
        this.parameterNames = parameterNames;
    }

    /** The API name, e.g. {@code shifted-power}. */
    public String id() {
        return id;
    }

    public List<String> parameterNames() {
        return parameterNames;
    }

    public static Optional<DownstreamShape> byId(String id) {
        for (DownstreamShape shape : values()) {
            if (shape.id.equals(id)) {
                return Optional.of(shape);
            }
        }
        return Optional.empty();
    }

    /**
     * The loss at which the shape takes {@code value} (before any complement): the analytic inverse of
     * {@link #value}; NaN when no loss gives it (at or beyond a level the shape only approaches).
     */
    double inverse(double[] p, double value) {
        double loss = switch (this) {
            // ε − k·e^(−γL) = v  ⇔  L = −ln((ε − v)/k)/γ
            case EXPONENTIAL -> -Math.log((p[0] - value) / p[1]) / p[2];
            // floor + (ceiling − floor)/(1 + e^(s(L − m))) = v  ⇔  L = m + ln((ceiling − floor)/(v − floor) − 1)/s
            case SIGMOID -> {
                double share = (value - p[0]) / (p[1] - p[0]);
                yield share > 0 && share < 1 ? p[2] + Math.log(1 / share - 1) / p[3] : Double.NaN;
            }
            // K·(L − E_A)^κ + E_B = v  ⇔  L = E_A + ((v − E_B)/K)^(1/κ)
            case SHIFTED_POWER -> value > p[3] ? p[2] + Math.pow((value - p[3]) / p[0], 1 / p[1]) : Double.NaN;
        };
        return Double.isFinite(loss) ? loss : Double.NaN;
    }

    /** The shape's value at loss L with natural parameters {@code p} (before any complement). */
    double value(double[] p, double loss) {
        return switch (this) {
            case EXPONENTIAL -> p[0] - p[1] * Math.exp(-p[2] * loss);
            case SIGMOID -> p[0] + (p[1] - p[0]) / (1 + Math.exp(p[3] * (loss - p[2])));
            case SHIFTED_POWER -> loss > p[2] ? p[0] * Math.pow(loss - p[2], p[1]) + p[3] : p[3];
        };
    }
}
