package dev.scaleplan.plans;

import java.util.Optional;

import dev.scaleplan.fitting.TrainingFlops;
import dev.scaleplan.fits.CountedRuns;
import dev.scaleplan.planning.ParameterConversion;
import dev.scaleplan.projects.CountingConventions;
import dev.scaleplan.projects.ProjectService.CurrentRevision;
import dev.scaleplan.runs.RunPoints;

/**
 * A project's counting conventions with what its plans read off its runs under them: FLOPs per token at any
 * N, and the other parameter count when runs report embedding parameters (docs/conventions.md).
 */
record CountedPlan(CurrentRevision revision, CountingConventions conventions, TrainingFlops compute,
                   Optional<ParameterConversion> conversion) {

    /** Read off {@code runs} at {@code revision}; a 422 naming the runs that lack what the FLOPs convention needs. */
    static CountedPlan of(CurrentRevision revision, CountingConventions conventions, RunPoints runs) {
        return new CountedPlan(revision, conventions, CountedRuns.trainingFlops(conventions, runs),
                CountedRuns.conversion(conventions, runs));
    }
}
