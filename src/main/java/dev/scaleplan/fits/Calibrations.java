package dev.scaleplan.fits;

import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.scaleplan.fitting.Backtest;
import dev.scaleplan.fitting.BacktestCoverage;
import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fitting.ExtrapolationError;
import dev.scaleplan.fitting.IsoFlopAnalysis;
import dev.scaleplan.fitting.Range;
import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.planning.AllocationDrift;
import org.springframework.stereotype.Service;

/**
 * What a fit's backtest says about its answers: the calibrated band ({@link ExtrapolationError}), the
 * allocation drift at a budget ({@link AllocationDrift}) and the coverage table. Derived from the stored
 * backtest and kept in memory per fit and data revision, so a prediction does not read the backtest
 * from PostgreSQL.
 */
@Service
public class Calibrations {

    private record Key(long fitId, long revision) {
    }

    private final BacktestService backtests;
    private final BacktestGate gate;
    private final FitLookup fits;
    private final Cache<Key, Calibration> cache = Caffeine.newBuilder().maximumSize(2_000).build();

    Calibrations(BacktestService backtests, BacktestGate gate, FitLookup fits) {
        this.backtests = backtests;
        this.gate = gate;
        this.fits = fits;
    }

    /**
     * A fit's calibration.
     *
     * @param error        the calibrated band's error model; null when the backtest had too few cut-offs or runs
     * @param fittedFlops  compute of the runs the fit was fitted on, from which distances are measured
     * @param law          the fit's best law
     * @param refits       each cut-off's refit, for the drift
     * @param level        the fit's confidence level
     * @param points       the backtest's points
     */
    public record Calibration(long fitId, ExtrapolationError error, Range fittedFlops, ScalingLaw law,
                              List<AllocationDrift.Refit> refits, double flopsPerToken, double level,
                              boolean routed, List<Backtest.Point> points) {

        /** Whether there is a calibrated band. */
        public boolean calibrated() {
            return error != null;
        }

        /** The extrapolation distance of compute {@code flops} from the fitted runs. */
        public double distance(double flops) {
            return ExtrapolationError.distance(flops, fittedFlops.min(), fittedFlops.max());
        }

        /** The calibrated band around a predicted loss at compute {@code flops}. */
        public Estimate band(double predictedLoss, double flops) {
            return error.band(predictedLoss, distance(flops));
        }

        /** How far the refits' compute-optimal allocation of {@code flops} lies from the fit's. */
        public AllocationDrift drift(double flops) {
            if (routed || !law.allocatesCompute()) {
                return new AllocationDrift(flops, List.of());
            }
            return AllocationDrift.at(law, refits, flops, flopsPerToken, level);
        }

        /** Why there is no calibrated band, in words. */
        public String missingReason() {
            return "the fit's backtest has too few cut-offs or predicted runs to calibrate a band (it needs "
                    + ExtrapolationError.MIN_CUTOFFS + " refits predicting " + ExtrapolationError.MIN_RUNS
                    + " runs in all)";
        }
    }

    /**
     * The fit's calibration for the project's runs at {@code revision}: from the stored backtest, made now
     * (admitted by {@link BacktestGate}: 503 when the slot is busy, 422 past the time budget or run limit)
     * when {@code compute} is true and there is none; else empty without one.
     */
    public Optional<Calibration> calibration(String projectId, long fitId, long revision, boolean compute) {
        Key key = new Key(fitId, revision);
        Calibration kept = cache.getIfPresent(key);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<StoredBacktest> backtest = compute ? Optional.of(gate.stored(projectId, fitId))
                : backtests.kept(fitId).filter(b -> b.dataRevision() == revision);
        return backtest.map(b -> {
            Calibration made = calibration(fits.load(projectId, fitId), b);
            cache.put(new Key(fitId, b.dataRevision()), made);
            return made;
        });
    }

    /** How often each band held in the fit's backtest, by extrapolation ratio (making the backtest if needed). */
    public CoverageResponse coverage(String projectId, long fitId) {
        StoredBacktest backtest = gate.stored(projectId, fitId);
        Calibration calibration = calibration(fits.load(projectId, fitId), backtest);
        List<CoverageResponse.Row> rows = BacktestCoverage.rows(backtest.points(), calibration.level()).stream()
                .map(row -> new CoverageResponse.Row(row.band(), row.extrapolationRatio(), row.nominal(), row.covered(),
                        row.total())).toList();
        return new CoverageResponse(fitId, backtest.dataRevision(), rows);
    }

    static Calibration calibration(FitLookup.Loaded loaded, StoredBacktest backtest) {
        StoredFit stored = loaded.stored();
        IsoFlopAnalysis analysis = stored.match(law -> null, StoredFit.IsoFlop::analysis, downstream -> null);
        ScalingLaw law = analysis != null ? analysis.law() : loaded.laws().best();
        double level = analysis != null ? analysis.confidenceLevel() : loaded.fit().confidenceLevel();
        Range flops = analysis != null ? analysis.flopsRange() : loaded.fit().ranges().flops();
        boolean routed = analysis == null && loaded.fit().isRouted();
        ExtrapolationError error = ExtrapolationError.calibrate(backtest.points(), level).orElse(null);
        return new Calibration(stored.id(), error, flops, law, BacktestLaws.refits(backtest), backtest.flopsPerToken(),
                level, routed, backtest.points());
    }
}
