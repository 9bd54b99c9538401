package dev.scaleplan.runs;

import java.util.ArrayList;
import java.util.List;

import dev.scaleplan.fitting.ParameterCount;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemError;
import dev.scaleplan.web.ProblemType;

/** Checks of an upload that need the project (its k, its parameter count): each refuses the whole upload. */
final class UploadChecks {

    private UploadChecks() {
    }

    /** A defaulted flops = k·N·D is a stored value like any other: it meets the same bounds as a given one. */
    static void defaultedFlops(List<RunInput> parsed, double flopsPerToken) {
        List<ProblemError> errors = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < parsed.size(); i++) {
            RunInput run = parsed.get(i);
            double flops = run.flopsOrDefault(flopsPerToken);
            if (run.flops() == null && !(flops >= RunLimits.MIN_FLOPS && flops <= RunLimits.MAX_FLOPS)) {
                if (++failures <= RunLimits.MAX_REPORTED_ERRORS) {
                    errors.add(ProblemError.row(i + 1, "flops", "defaults to flopsPerToken·N·D = " + flops + ", which "
                            + RunLimits.describeRange(RunLimits.MIN_FLOPS, RunLimits.MAX_FLOPS)
                            + "; give flops or check N and D"));
                }
            }
        }
        if (failures > 0) {
            throw new ApiException(ProblemType.VALIDATION, "The upload was rejected: " + failures
                    + " run(s) have a defaulted flops out of range; nothing was stored", errors);
        }
    }

    /**
     * In a project counting total parameters the embeddings are part of N, so fewer than N; counted without
     * embeddings, N says nothing about them (a small model's embeddings often outnumber the rest).
     */
    static void embeddings(List<RunInput> parsed, ParameterCount parameterCount) {
        if (parameterCount != ParameterCount.TOTAL) {
            return;
        }
        List<ProblemError> errors = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < parsed.size(); i++) {
            RunInput run = parsed.get(i);
            if (run.embeddingParameters() != null && !(run.embeddingParameters() < run.parameters())
                    && ++failures <= RunLimits.MAX_REPORTED_ERRORS) {
                errors.add(ProblemError.row(i + 1, "embeddingParameters", "must be below parameters, which the project"
                        + " counts with embeddings (parameterCount total); got " + run.embeddingParameters() + " ≥ "
                        + run.parameters()));
            }
        }
        if (failures > 0) {
            throw new ApiException(ProblemType.VALIDATION, "The upload was rejected: " + failures
                    + " run(s) have embeddingParameters not below parameters; nothing was stored", errors);
        }
    }
}
