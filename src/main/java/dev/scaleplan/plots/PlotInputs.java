package dev.scaleplan.plots;

/** The plain values the plots draw, built by the services from stored fits, runs and plans. */
public final class PlotInputs {

    private PlotInputs() {
    }

    /** What the chart is of: its title names the project, the form and the fit; the subtitle adds context. */
    public record Heading(String title, String subtitle) {
    }

    /** One run: N, D, C and observed loss; held out of the fit by the extrapolation check or not. */
    public record PlottedRun(double parameters, double tokens, double flops, double loss, boolean heldOut) {
    }

    /**
     * A point on the compute-optimal frontier with its confidence band; {@code lower} and
     * {@code upper} are null for a fit without bootstrap draws (no band is drawn).
     */
    public record FrontierPoint(double flops, double loss, Double lower, Double upper) {

        boolean hasBand() {
            return lower != null && upper != null;
        }
    }

    /** A plan made from the fit, marked where it sits on the frontier; no interval without bootstrap draws. */
    public record PlanMark(long id, String objective, double flops, double loss, Double lower, Double upper) {
    }

    /** One run's log-loss residual, {@code log observed − log predicted}. */
    public record Residual(double flops, double residual, boolean heldOut) {
    }

    /** A point of an IsoFLOP curve: the loss of a model of N parameters at the curve's fixed compute. */
    public record CurvePoint(double parameters, double loss) {
    }

    /** The loss against model size at one compute budget. */
    public record IsoflopCurve(double flops, java.util.List<CurvePoint> points) {
    }

    /** The best model size at one budget, from some analysis. */
    public record Optimum(double flops, double parameters, double loss) {
    }

    /**
     * The optima of one analysis (e.g. the fitted law's closed form, or an IsoFLOP parabola fit),
     * drawn as one legend entry.
     */
    public record OptimaSeries(String label, java.util.List<Optimum> optima) {
    }

    /** One run (or checkpoint) of a downstream fit: its predictor (e.g. a task loss) and metric (e.g. accuracy). */
    public record MetricRun(double predictor, double metric) {
    }

    /** The downstream fit's metric at a predictor value, with its band (null bounds: none). */
    public record MetricCurvePoint(double predictor, double metric, Double lower, Double upper) {
    }

    /** One strategy of a plan: its predicted loss, size, tokens and cost for the same budget. */
    public record Strategy(String name, double loss, double parameters, double tokens, double cost, boolean chosen) {
    }
}
