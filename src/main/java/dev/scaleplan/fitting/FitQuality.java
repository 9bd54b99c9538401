package dev.scaleplan.fitting;

/**
 * Goodness of fit on log-loss residuals.
 *
 * @param rmseLogLoss root mean square of the log-loss residuals
 * @param aic         {@code n·ln(RSS/n) + 2p} (Gaussian likelihood)
 * @param bic         {@code n·ln(RSS/n) + p·ln n}
 * @param residualStd sample standard deviation of the log-loss residuals
 */
public record FitQuality(double rmseLogLoss, double aic, double bic, double residualStd) {
}
