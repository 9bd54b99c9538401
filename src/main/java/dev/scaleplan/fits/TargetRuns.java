package dev.scaleplan.fits;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scaleplan.projects.Project;
import dev.scaleplan.runs.RunFilter;
import dev.scaleplan.runs.RunPoints;
import dev.scaleplan.runs.RunQuantity;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.stereotype.Component;

/**
 * The runs a law fit is fitted on, with its {@code target} (a run metric or aggregate) in place of the
 * loss: only runs that carry it, every value positive (the law is fitted on log values).
 *
 * @param points     the runs, the target's value in the loss column
 * @param target     the quantity fitted
 * @param leftOut    runs the filter selects that lack the target
 */
record TargetRuns(RunPoints points, RunQuantity target, long leftOut) {

    /** Why some runs were not fitted, when a target left any out. */
    Optional<String> warning() {
        return leftOut == 0 ? Optional.empty() : Optional.of(leftOut + " run(s) the filter selects lack '"
                + target.name() + "' and were left out; " + points.size() + " carry it.");
    }

    /** Reads them. */
    @Component
    static class Reader {

        private final RunService runs;
        private final RunQuantities quantities;

        Reader(RunService runs, RunQuantities quantities) {
            this.runs = runs;
            this.quantities = quantities;
        }

        TargetRuns points(Project project, FitRequest request, RunFilter filter) {
            RunQuantity target = quantities.resolve(project.id(), request.target());
            RunPoints points = runs.points(project.id(), filter, target);
            if (target.isLoss()) {
                return new TargetRuns(points, target, 0);
            }
            double[] values = points.loss();
            long nonPositive = Arrays.stream(values).filter(v -> !(v > 0)).count();
            if (nonPositive > 0) {
                throw new ApiException(ProblemType.UNPROCESSABLE, nonPositive + " run(s) have a value of '"
                        + target.name() + "' at or below 0; a law in N and D is fitted to positive values (a loss, "
                        + "bits-per-byte); fit an accuracy with a downstream fit instead", List.of(),
                        Map.of("target", target.name(), "runs", nonPositive));
            }
            return new TargetRuns(points, target, runs.count(project.id(), filter) - points.size());
        }

        /** The target's points of a stored law fit's request, as its backtest refits them. */
        RunQuantity quantity(String projectId, FitRequest request) {
            return quantities.resolve(projectId, request.target());
        }
    }
}
