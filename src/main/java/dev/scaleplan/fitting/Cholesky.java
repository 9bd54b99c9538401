package dev.scaleplan.fitting;

/** In-place Cholesky solve of a small dense symmetric positive-definite system. */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * Solves {@code A·x = b} for row-major p×p {@code a}, overwriting {@code a} with its factor and
     * {@code b} with x. Returns false, leaving garbage, when {@code a} is not positive definite.
     */
    static boolean solveInPlace(double[] a, double[] b, int p) {
        for (int j = 0; j < p; j++) {
            double diagonal = a[j * p + j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[j * p + k] * a[j * p + k];
            }
            if (!(diagonal > 0) || Double.isInfinite(diagonal)) {
                return false;
            }
            double pivot = Math.sqrt(diagonal);
            a[j * p + j] = pivot;
            for (int i = j + 1; i < p; i++) {
                double sum = a[i * p + j];
                for (int k = 0; k < j; k++) {
                    sum -= a[i * p + k] * a[j * p + k];
                }
                a[i * p + j] = sum / pivot;
            }
        }
        for (int i = 0; i < p; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= a[i * p + k] * b[k];
            }
            b[i] = sum / a[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--) {
            double sum = b[i];
            for (int k = i + 1; k < p; k++) {
                sum -= a[k * p + i] * b[k];
            }
            b[i] = sum / a[i * p + i];
        }
        for (int i = 0; i < p; i++) {
            if (!Double.isFinite(b[i])) {
                return false;
            }
        }
        return true;
    }
}
