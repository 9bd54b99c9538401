package dev.scaleplan.fits;

import java.util.ArrayList;
import java.util.List;

import dev.scaleplan.fitting.Backtest;
import dev.scaleplan.fitting.IsoFlopLaw;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.planning.AllocationDrift;

/** A stored backtest's refits as laws again: a form's natural parameters, or an IsoFLOP law's five numbers. */
final class BacktestLaws {

    private BacktestLaws() {
    }

    /** The five numbers of an IsoFLOP law, in its components' order (without k). */
    static double[] parameters(IsoFlopLaw law) {
        return new double[] {law.logParametersCoefficient(), law.parametersExponent(), law.logLossCoefficient(),
                law.lossExponent(), law.curvature()};
    }

    static ScalingLaw law(String form, double[] parameters, double flopsPerToken) {
        if (FitForms.ISOFLOP.equals(form)) {
            return new IsoFlopLaw(parameters[0], parameters[1], parameters[2], parameters[3], parameters[4],
                    flopsPerToken);
        }
        return LawForms.require(form).law(parameters, flopsPerToken);
    }

    /** Each cut-off's refit with its draws, for {@link AllocationDrift}; points without parameters are skipped. */
    static List<AllocationDrift.Refit> refits(StoredBacktest backtest) {
        List<AllocationDrift.Refit> refits = new ArrayList<>();
        for (Backtest.Point point : backtest.points()) {
            if (point.refitParameters().length == 0) {
                continue;
            }
            List<ScalingLaw> draws = new ArrayList<>();
            for (double[] draw : point.refitDraws()) {
                draws.add(law(backtest.form(), draw, backtest.flopsPerToken()));
            }
            double added = (double) point.runsPredicted() / (point.runsFitted() + point.runsPredicted());
            refits.add(new AllocationDrift.Refit(point.cutoffFlops(), added,
                    law(backtest.form(), point.refitParameters(), backtest.flopsPerToken()), draws));
        }
        return refits;
    }
}
