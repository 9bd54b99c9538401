package dev.scaleplan.fits;

import java.util.Optional;
import java.util.function.Supplier;

import dev.scaleplan.fitting.Band;

/**
 * Which band an answer carries. A calibrated band needs the fit's backtest; when that cannot calibrate
 * (too few cut-offs or runs), the answer carries the bootstrap prediction band and says why.
 */
final class CalibratedBands {

    private CalibratedBands() {
    }

    /**
     * The band chosen for one answer.
     *
     * @param name          the band the answer names: confidence, prediction or calibrated
     * @param bootstrapBand the bootstrap band computed (beside the calibrated one, or alone)
     * @param calibration   the calibration when the answer is calibrated, else null
     * @param note          why a calibrated band was asked for and not given, else null
     */
    record Answer(String name, Band bootstrapBand, Calibrations.Calibration calibration, String note) {

        boolean calibrated() {
            return calibration != null;
        }
    }

    static Answer answer(BandChoice choice, boolean beyondFittedRuns,
                         Supplier<Optional<Calibrations.Calibration>> calibration) {
        return switch (choice) {
            case CONFIDENCE -> new Answer("confidence", Band.CONFIDENCE, null, null);
            case PREDICTION -> new Answer("prediction", Band.PREDICTION, null, null);
            case AUTOMATIC -> beyondFittedRuns ? calibrated(calibration)
                    : new Answer("confidence", Band.CONFIDENCE, null, null);
            case CALIBRATED -> calibrated(calibration);
        };
    }

    private static Answer calibrated(Supplier<Optional<Calibrations.Calibration>> supplier) {
        Optional<Calibrations.Calibration> calibration = supplier.get();
        if (calibration.isPresent() && calibration.get().calibrated()) {
            return new Answer("calibrated", Band.PREDICTION, calibration.get(), null);
        }
        String why = calibration.map(Calibrations.Calibration::missingReason).orElse("the fit has no backtest");
        return new Answer("prediction", Band.PREDICTION, null, "No calibrated band: " + why
                + "; this is the bootstrap prediction band, which measures noise inside the fitted runs and may "
                + "understate the error of an extrapolation.");
    }
}
