package dev.scaleplan.fits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.scaleplan.fitting.BootstrapMethod;
import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitDiagnostics;
import dev.scaleplan.fitting.Holdout;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.Objective;
import dev.scaleplan.fitting.Range;

/**
 * The stored shape of a fit (the {@code result} column), owned by this package and versioned, so that
 * renaming a field of {@link Fit} cannot break stored rows.
 * <ul>
 *   <li>version 1 (no {@code version} field): the JSON of {@code fitting.Fit} as round 1 wrote it;
 *       Chinchilla's derived D/N was called {@code tokensPerParameter}.</li>
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
                   double objective, String objectiveType, double huberDelta, int runsUsed, Span parametersRange,
                   Span tokensRange, Span flopsRange, Span tokensPerParameterRange, Double lowestLoss,
                   double rmseLogLoss, double aic, double bic, double residualStd, Check holdout,
                   Integer bootstrapRequested, int bootstrapSize, double confidenceLevel, double[] estimate,
                   double[][] draws, double[] residuals, long seed, double flopsPerToken, List<String> warnings,
                   Resampling bootstrapMethod) {

    static final int CURRENT_VERSION = 2;

    /** The derived D/N's name in version 1. */
    static final String V1_TOKENS_PER_PARAMETER = "tokensPerParameter";

    /** Smallest and largest value. */
    record Span(double min, double max) {
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
        return new FitDocument(CURRENT_VERSION, fit.form(), copy(fit.parameters()), copy(fit.derived()),
                fit.objective(), fit.objectiveType().name(), fit.huberDelta(), fit.runsUsed(),
                span(fit.parametersRange()), span(fit.tokensRange()), span(fit.flopsRange()), span(tokensPerParameter),
                lowestLoss, fit.rmseLogLoss(), fit.aic(), fit.bic(), fit.residualStd(),
                h == null ? null : new Check(h.runsHeldOut(), h.flopsThreshold(), h.rmseLogLoss(),
                        h.meanAbsoluteRelativeError()),
                bootstrapRequested, fit.bootstrapSize(), fit.confidenceLevel(), fit.estimate(), fit.draws(),
                fit.residuals(), fit.seed(), fit.flopsPerToken(), List.copyOf(warnings),
                Resampling.of(fit.bootstrapMethod()));
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
                copy(parameters), bootstrapSize, requestedBootstrap);
        return new FitDocument(CURRENT_VERSION, form, parameters, renamed, objective, objectiveType, huberDelta,
                runsUsed, parametersRange, tokensRange, flopsRange, tokensPerParameterRange, lowestLoss, rmseLogLoss,
                aic, bic, residualStd, holdout, requestedBootstrap, bootstrapSize, confidenceLevel, estimate, draws,
                residuals, seed, flopsPerToken, checks, bootstrapMethod);
    }

    /**
     * The fit this document stores, with its draws and residuals.
     *
     * @throws IllegalStateException for a summary (read without draws)
     */
    Fit toFit() {
        if (draws == null || residuals == null || estimate == null) {
            throw new IllegalStateException("a fit summary has no draws; read the whole fit");
        }
        return new Fit(form, copy(parameters), copy(derived), objective, Objective.valueOf(objectiveType),
                huberDelta, runsUsed, range(parametersRange), range(tokensRange), range(flopsRange), rmseLogLoss, aic,
                bic, residualStd, holdout == null ? null : new Holdout(holdout.runsHeldOut(), holdout.flopsThreshold(),
                holdout.rmseLogLoss(), holdout.meanAbsoluteRelativeError()), bootstrapSize, confidenceLevel, estimate,
                draws, residuals, seed, flopsPerToken, method());
    }

    /** How the draws were made; a document without the field had exact refits. */
    BootstrapMethod method() {
        return bootstrapMethod == null ? BootstrapMethod.REFIT : bootstrapMethod.toMethod();
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
                + (draws == null ? "none" : draws.length) + ", warnings=" + new ArrayList<>(warningsOrEmpty()) + "]";
    }
}
