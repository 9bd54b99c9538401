package dev.scaleplan.fits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.scaleplan.fitting.BootstrapMethod;
import dev.scaleplan.fitting.DataRanges;
import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitDiagnostics;
import dev.scaleplan.fitting.FitQuality;
import dev.scaleplan.fitting.Holdout;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.Objective;
import dev.scaleplan.fitting.Range;

/**
 * The stored shape of a fit (the {@code result} column), owned by this package and versioned, so that
 * renaming a field of {@link Fit} cannot break stored rows.
 * <ul>
 *   <li>version 1 (no {@code version} field): the JSON of {@code fitting.Fit} itself, written before the
 *       document had a version; Chinchilla's derived D/N was called {@code tokensPerParameter}.</li>
 *   <li>version 2: adds {@code version}, {@code bootstrapRequested}, {@code tokensPerParameterRange},
 *       {@code lowestLoss} and {@code warnings}; the derived D/N is
 *       {@value LawForms#OPTIMAL_TOKENS_PER_PARAMETER}. Later, still version 2, {@code bootstrapMethod}
 *       (absent: every draw an exact refit).</li>
 * </ul>
 * Lists read a projection without {@code draws} and {@code residuals} (the bulk of a row), which leaves
 * those two null here. Compare documents through {@link #toFit()}: the record's own equality compares
 * its arrays by identity.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record FitDocument(Integer version, String form, Map<String, Estimate> parameters, Map<String, Estimate> derived,
                   double objective, String objectiveType, double huberDelta, int runsUsed,
                   @JsonUnwrapped Spans spans, Double lowestLoss, @JsonUnwrapped Quality quality, Check holdout,
                   @JsonUnwrapped Resamples resamples, double confidenceLevel, double[] estimate,
                   double[] residuals, double flopsPerToken, List<String> warnings) {

    static final int CURRENT_VERSION = 2;

    /** The derived D/N's name in version 1. */
    static final String V1_TOKENS_PER_PARAMETER = "tokensPerParameter";

    /** Smallest and largest value. */
    record Span(double min, double max) {
    }

    /** Observed ranges of the fitted runs: N, D, C and D/N. */
    record Spans(Span parametersRange, Span tokensRange, Span flopsRange, Span tokensPerParameterRange) {
    }

    /** Goodness of fit on log-loss residuals. */
    record Quality(double rmseLogLoss, double aic, double bic, double residualStd) {
    }

    /**
     * The bootstrap: draws asked for and made, the natural parameters of each draw, the seed, and how the
     * draws were made (absent: every draw an exact refit).
     */
    record Resamples(Integer bootstrapRequested, int bootstrapSize, double[][] draws, long seed,
                     Resampling bootstrapMethod) {
    }

    /** How the bootstrap draws were made ({@link BootstrapMethod}). */
    record Resampling(String kind, int checkedDraws, double maxDeviation) {

        static Resampling of(BootstrapMethod method) {
            return new Resampling(method.kind().name(), method.checkedDraws(), method.maxDeviation());
        }

        BootstrapMethod toMethod() {
            return new BootstrapMethod(BootstrapMethod.Kind.valueOf(kind), checkedDraws, maxDeviation);
        }
    }

    /** The held-out extrapolation check. */
    record Check(int runsHeldOut, double flopsThreshold, double rmseLogLoss, double meanAbsoluteRelativeError) {
    }

    /** The current-version document of a new fit. */
    static FitDocument of(Fit fit, int bootstrapRequested, Range tokensPerParameter, double lowestLoss,
                          List<String> warnings) {
        Holdout h = fit.holdout();
        DataRanges ranges = fit.ranges();
        FitQuality quality = fit.quality();
        return new FitDocument(CURRENT_VERSION, fit.form(), copy(fit.parameters()), copy(fit.derived()),
                fit.objective(), fit.objectiveType().name(), fit.huberDelta(), fit.runsUsed(),
                new Spans(span(ranges.parameters()), span(ranges.tokens()), span(ranges.flops()),
                        span(tokensPerParameter)),
                lowestLoss, new Quality(quality.rmseLogLoss(), quality.aic(), quality.bic(), quality.residualStd()),
                h == null ? null : new Check(h.runsHeldOut(), h.flopsThreshold(), h.rmseLogLoss(),
                        h.meanAbsoluteRelativeError()),
                new Resamples(bootstrapRequested, fit.bootstrapSize(), fit.draws(), fit.seed(),
                        Resampling.of(fit.bootstrapMethod())),
                fit.confidenceLevel(), fit.estimate(), fit.residuals(), fit.flopsPerToken(), List.copyOf(warnings));
    }

    /**
     * This document in the current version. A version-1 row gets the new name of the derived D/N, the
     * requested bootstrap size from its request, and the warnings the current checks give for it.
     */
    FitDocument upgraded(int requestedBootstrap) {
        if (version != null && version >= CURRENT_VERSION) {
            return this;
        }
        Map<String, Estimate> renamed = new LinkedHashMap<>();
        derived.forEach((name, value) -> renamed.put(
                V1_TOKENS_PER_PARAMETER.equals(name) ? LawForms.OPTIMAL_TOKENS_PER_PARAMETER : name, value));
        List<String> checks = estimate == null ? List.of() : FitDiagnostics.warnings(LawForms.require(form), estimate,
                copy(parameters), resamples.bootstrapSize(), requestedBootstrap);
        Resamples requested = new Resamples(requestedBootstrap, resamples.bootstrapSize(), resamples.draws(),
                resamples.seed(), resamples.bootstrapMethod());
        return new FitDocument(CURRENT_VERSION, form, parameters, renamed, objective, objectiveType, huberDelta,
                runsUsed, spans, lowestLoss, quality, holdout, requested, confidenceLevel, estimate, residuals,
                flopsPerToken, checks);
    }

    /**
     * The fit this document stores, with its draws and residuals.
     *
     * @throws IllegalStateException for a summary (read without draws)
     */
    Fit toFit() {
        if (draws() == null || residuals == null || estimate == null) {
            throw new IllegalStateException("a fit summary has no draws; read the whole fit");
        }
        return new Fit(form, copy(parameters), copy(derived), objective, Objective.valueOf(objectiveType),
                huberDelta, runsUsed, new DataRanges(range(spans.parametersRange()), range(spans.tokensRange()),
                range(spans.flopsRange())), new FitQuality(quality.rmseLogLoss(), quality.aic(), quality.bic(),
                quality.residualStd()), holdout == null ? null : new Holdout(holdout.runsHeldOut(),
                holdout.flopsThreshold(), holdout.rmseLogLoss(), holdout.meanAbsoluteRelativeError()),
                bootstrapSize(), confidenceLevel, estimate, draws(), residuals, resamples.seed(), flopsPerToken,
                method());
    }

    /** How the draws were made; a document without the field had exact refits. */
    BootstrapMethod method() {
        return resamples.bootstrapMethod() == null ? BootstrapMethod.REFIT : resamples.bootstrapMethod().toMethod();
    }

    int bootstrapSize() {
        return resamples.bootstrapSize();
    }

    /** The draws, or null in a summary. */
    double[][] draws() {
        return resamples.draws();
    }

    List<String> warningsOrEmpty() {
        return warnings == null ? List.of() : warnings;
    }

    /** An ordered copy: the names keep the form's order. */
    private static Map<String, Estimate> copy(Map<String, Estimate> estimates) {
        return new LinkedHashMap<>(estimates);
    }

    private static Span span(Range range) {
        return range == null ? null : new Span(range.min(), range.max());
    }

    static Range range(Span span) {
        return span == null ? null : new Range(span.min(), span.max());
    }

    @Override
    public String toString() {
        return "FitDocument[version=" + version + ", form=" + form + ", parameters=" + parameters + ", derived="
                + derived + ", runsUsed=" + runsUsed + ", estimate=" + Arrays.toString(estimate) + ", draws="
                + (draws() == null ? "none" : draws().length) + ", warnings=" + new ArrayList<>(warningsOrEmpty()) + "]";
    }
}
