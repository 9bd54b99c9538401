package dev.scaleplan.fitting;

/**
 * A weighted least-squares parabola {@code y = c0 + c1·x + c2·x²}, fitted in centred and scaled
 * coordinates so that the normal equations stay well conditioned for x = ln N (≈ 15–25).
 *
 * @param curvature     c2 in the original x
 * @param vertex        the x of the turning point, −c1/(2·c2)
 * @param valueAtVertex y at the vertex
 * @param sumOfSquares  weighted sum of squared residuals
 */
record Parabola(double curvature, double vertex, double valueAtVertex, double sumOfSquares) {

    /** Relative size of the normal matrix's determinant below which the points are taken as collinear. */
    private static final double SINGULAR = 1e-10;

    /**
     * The parabola through (x_i, y_i) with weights w_i (bootstrap multiplicities; 0 leaves a point out),
     * or null when fewer than three distinct x carry weight.
     */
    static Parabola fit(double[] x, double[] y, double[] w) {
        double total = 0;
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            total += w[i];
            mean += w[i] * x[i];
        }
        if (!(total > 0)) {
            return null;
        }
        mean /= total;
        double spread = 0;
        for (int i = 0; i < x.length; i++) {
            spread += w[i] * (x[i] - mean) * (x[i] - mean);
        }
        double scale = Math.sqrt(spread / total);
        if (!(scale > 0)) {
            return null;
        }
        // Moments of u = (x − mean)/scale: Σw·u^k for k = 0..4 and Σw·y·u^k for k = 0..2.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        for (int i = 0; i < x.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            double u = (x[i] - mean) / scale;
            double u2 = u * u;
            s0 += w[i];
            s1 += w[i] * u;
            s2 += w[i] * u2;
            s3 += w[i] * u2 * u;
            s4 += w[i] * u2 * u2;
            t0 += w[i] * y[i];
            t1 += w[i] * y[i] * u;
            t2 += w[i] * y[i] * u2;
        }
        // Cramer's rule on the 3×3 normal equations [s0 s1 s2; s1 s2 s3; s2 s3 s4]·c = t.
        double det = s0 * (s2 * s4 - s3 * s3) - s1 * (s1 * s4 - s3 * s2) + s2 * (s1 * s3 - s2 * s2);
        if (!(Math.abs(det) > SINGULAR * s0 * s0 * s0)) {
            return null;
        }
        double c0 = (t0 * (s2 * s4 - s3 * s3) - s1 * (t1 * s4 - s3 * t2) + s2 * (t1 * s3 - s2 * t2)) / det;
        double c1 = (s0 * (t1 * s4 - t2 * s3) - t0 * (s1 * s4 - s3 * s2) + s2 * (s1 * t2 - t1 * s2)) / det;
        double c2 = (s0 * (s2 * t2 - s3 * t1) - s1 * (s1 * t2 - s2 * t1) + t0 * (s1 * s3 - s2 * s2)) / det;
        double squares = 0;
        for (int i = 0; i < x.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            double u = (x[i] - mean) / scale;
            double r = y[i] - (c0 + c1 * u + c2 * u * u);
            squares += w[i] * r * r;
        }
        double vertexU = -c1 / (2 * c2);
        return new Parabola(c2 / (scale * scale), mean + scale * vertexU, c0 - c1 * c1 / (4 * c2), squares);
    }

    /** Whether the parabola opens upwards, so that its vertex is a minimum. */
    boolean hasMinimum() {
        return curvature > 0 && Double.isFinite(vertex) && Double.isFinite(valueAtVertex);
    }
}
