package dev.scaleplan.fitting;

/** Which uncertainty a predicted loss's interval expresses. */
public enum Band {

    /** Uncertainty of the fitted law itself (of the mean loss), from the bootstrap draws. */
    CONFIDENCE,

    /** Confidence plus the scatter of individual runs around the law, from the fit's residuals. */
    PREDICTION
}
