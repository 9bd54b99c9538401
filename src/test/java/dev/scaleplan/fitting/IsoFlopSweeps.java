package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * IsoFLOP sweeps drawn from a known Chinchilla law: at each budget C, model sizes log-spaced over
 * a factor {@code width} either side of a centre near the true N_opt(C) (shifted by up to ±30% at
 * random, as a real sweep does not know the optimum), D = C/(6N), loss × exp(σ·z).
 */
public final class IsoFlopSweeps {

    private IsoFlopSweeps() {
    }

    public static IsoFlopData sweep(ChinchillaLaw law, double[] budgets, int sizes, double width, double sigma,
                                    long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>();
        for (double flops : budgets) {
            double centre = optimalParameters(law, flops) * Math.exp(0.3 * (2 * random.nextDouble() - 1));
            for (int s = 0; s < sizes; s++) {
                double n = centre * Math.exp(Math.log(width) * (2.0 * s / (sizes - 1) - 1));
                double d = flops / (6 * n);
                rows.add(new double[] {n, d, flops, law.loss(n, d) * Math.exp(sigma * gaussian(random))});
            }
        }
        int count = rows.size();
        long[] ids = new long[count];
        double[] n = new double[count];
        double[] d = new double[count];
        double[] c = new double[count];
        double[] l = new double[count];
        for (int i = 0; i < count; i++) {
            ids[i] = i + 1;
            n[i] = rows.get(i)[0];
            d[i] = rows.get(i)[1];
            c[i] = rows.get(i)[2];
            l[i] = rows.get(i)[3];
        }
        return IsoFlopData.untagged(ids, n, d, c, l);
    }

    /** Hoffmann et al. 2022, eq. 4: N_opt = G·(C/6)^(β/(α+β)), G = (αA/(βB))^(1/(α+β)). */
    public static double optimalParameters(ChinchillaLaw law, double flops) {
        double alpha = law.alpha();
        double beta = law.beta();
        double g = Math.pow(alpha * law.parameterCoefficient() / (beta * law.tokenCoefficient()), 1 / (alpha + beta));
        return g * Math.pow(flops / 6, beta / (alpha + beta));
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
