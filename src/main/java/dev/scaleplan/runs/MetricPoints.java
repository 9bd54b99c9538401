package dev.scaleplan.runs;

/** The final loss and one metric of the runs that carry the metric, as parallel arrays. */
public record MetricPoints(double[] loss, double[] values) {

    public int size() {
        return loss.length;
    }
}
