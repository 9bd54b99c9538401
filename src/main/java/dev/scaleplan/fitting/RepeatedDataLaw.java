package dev.scaleplan.fitting;

/**
 * A scaling law that knows what repeating data costs: the loss of N parameters trained on D tokens drawn
 * from U unique tokens. {@link #loss(double, double)} is the loss on fresh data (U = D).
 */
public interface RepeatedDataLaw extends ScalingLaw {

    /** Predicted loss of {@code parameters} trained on {@code tokens} drawn from {@code uniqueTokens} unique tokens. */
    double loss(double parameters, double tokens, double uniqueTokens);

    /** R*_D: repetitions of the data after which further epochs add little (Muennighoff et al. 2023, eq. 5). */
    double rStarD();

    /** R*_N: the same for parameters beyond what the unique data can use (eq. 6); NaN when not modelled. */
    double rStarN();

    /** D', the token count the law evaluates {@code tokens} drawn from {@code uniqueTokens} at. */
    default double effectiveTokens(double tokens, double uniqueTokens) {
        return Repetition.effective(tokens, uniqueTokens, rStarD());
    }

    @Override
    default double loss(double parameters, double tokens) {
        return loss(parameters, tokens, tokens);
    }
}
