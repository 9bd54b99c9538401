package dev.scaleplan.fitting;

import java.util.List;
import java.util.Optional;

/**
 * The backtest of a law fit: the starting grid is screened once on all runs, and each cut-off's refit
 * polishes those basins on its own runs (a cut-off's optimum lies in one of the full data's basins on
 * every reference problem tried, see {@code LawBacktestTest}), so five refits cost about one fit.
 * Each refit gets {@code refitDraws} bootstrap draws, so that the backtest can say how often the
 * bootstrap bands held; 0 skips them.
 */
public final class LawBacktest {

    private final ScalingLawFitter fitter;

    public LawBacktest(ScalingLawFitter fitter) {
        this.fitter = fitter;
    }

    /** Backtests {@code form} on {@code data} at the default cut-offs. */
    public List<Backtest.Point> run(LawForm form, FitData data, FitOptions options, int refitDraws) {
        return run(form, data, options, refitDraws, FitMonitor.NONE);
    }

    /**
     * As {@link #run(LawForm, FitData, FitOptions, int)}, asking {@code monitor} during the screening and
     * every refit whether to stop; once it says so, the remaining refits are skipped and the points are
     * incomplete, so a caller that stops a backtest must discard them.
     */
    public List<Backtest.Point> run(LawForm form, FitData data, FitOptions options, int refitDraws,
                                    FitMonitor monitor) {
        return run(form, data, options, refitDraws, fitter.basins(form, data, options, monitor), monitor);
    }

    /** As {@link #run(LawForm, FitData, FitOptions, int)} from basins already screened on {@code data}. */
    public List<Backtest.Point> run(LawForm form, FitData data, FitOptions options, int refitDraws,
                                    List<double[]> basins) {
        return run(form, data, options, refitDraws, basins, FitMonitor.NONE);
    }

    private List<Backtest.Point> run(LawForm form, FitData data, FitOptions options, int refitDraws,
                                     List<double[]> basins, FitMonitor monitor) {
        if (basins.isEmpty()) {
            return List.of();
        }
        FitOptions refitOptions = options.withBootstrap(refitDraws).withHoldoutFraction(0);
        return Backtest.run(data, Backtest.cutoffsAtShares(data.flops(), Backtest.DEFAULT_SHARES), runs ->
                monitor.stop() == null
                        && fitter.fitFrom(form, data.select(runs), refitOptions, basins, monitor) instanceof Fit refit
                        ? Optional.of(refitted(refit)) : Optional.empty());
    }

    private static Backtest.Refitted refitted(Fit fit) {
        FitLaws laws = fit.laws();
        return new Backtest.Refitted(laws.best(), fit.estimate(), fit.draws(),
                fit.bootstrapSize() == 0 ? null
                        : (n, d, u, band) -> laws.predict(law -> Backtest.lossAt(law, n, d, u), band));
    }
}
