package dev.scaleplan.fits;

import dev.scaleplan.web.ApiException;

/** The band a client asks for (`band=`); absent means calibrated beyond the fitted runs, else confidence. */
enum BandChoice {
    AUTOMATIC, CONFIDENCE, PREDICTION, CALIBRATED;

    static BandChoice parse(String band) {
        if (band == null || band.isEmpty()) {
            return AUTOMATIC;
        }
        return switch (band) {
            case "confidence" -> CONFIDENCE;
            case "prediction" -> PREDICTION;
            case "calibrated" -> CALIBRATED;
            default -> throw ApiException.invalidParameter("band", "must be confidence, prediction or calibrated");
        };
    }
}
