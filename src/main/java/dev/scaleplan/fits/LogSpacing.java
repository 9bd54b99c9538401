package dev.scaleplan.fits;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Log-spaced x values for a curve. The ends are exactly the requested bounds, and the points between
 * are rounded to 12 significant digits: exp(log(lo) + t·(log(hi) − log(lo))) carries a relative error
 * of ~|log x|·2⁻⁵³ (1e19 came back as 1.0000000000000033E19), far below anything drawn, while rounded
 * values print as the decades and fractions a reader typed or expects (1e20, not 1.0000000000000008E20).
 */
final class LogSpacing {

    private static final MathContext DIGITS = new MathContext(12);

    private LogSpacing() {
    }

    /** {@code count} ≥ 2 points from {@code from} to {@code to}, both finite, positive, from < to. */
    static double[] points(double from, double to, int count) {
        double[] x = new double[count];
        double logFrom = Math.log(from);
        double step = (Math.log(to) - logFrom) / (count - 1);
        for (int i = 1; i < count - 1; i++) {
            x[i] = new BigDecimal(Math.exp(logFrom + step * i)).round(DIGITS).doubleValue();
        }
        x[0] = from;
        x[count - 1] = to;
        return x;
    }
}
