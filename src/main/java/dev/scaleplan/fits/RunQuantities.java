package dev.scaleplan.fits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.runs.RunQuantity;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.stereotype.Component;

/**
 * Names of per-run quantities as requests give them ({@code target}, {@code metric}, {@code from},
 * {@code metrics=}): the loss, one of the project's aggregates, or a metric its runs carry.
 */
@Component
class RunQuantities {

    static final String LOSS = "loss";

    private final ProjectService projects;
    private final RunService runs;

    RunQuantities(ProjectService projects, RunService runs) {
        this.projects = projects;
        this.runs = runs;
    }

    /** The quantity named {@code name} (absent or {@code loss}: the loss); 404 naming what there is when none. */
    RunQuantity resolve(String projectId, String name) {
        if (name == null || LOSS.equals(name)) {
            return RunQuantity.LOSS;
        }
        Map<String, List<String>> aggregates = projects.aggregates(projectId);
        if (aggregates.containsKey(name)) {
            return RunQuantity.aggregate(name, aggregates.get(name));
        }
        List<String> known = runs.metricNames(projectId);
        if (!known.contains(name)) {
            List<String> names = new ArrayList<>(known);
            names.addAll(aggregates.keySet());
            throw new ApiException(ProblemType.NOT_FOUND, "No run of project '" + projectId + "' has metric '"
                    + name + "'; " + (names.isEmpty() ? "its runs carry no metrics and it declares no aggregates"
                    : "its runs carry " + String.join(", ", known) + (aggregates.isEmpty() ? ""
                    : "; its aggregates are " + String.join(", ", aggregates.keySet()))), List.of(),
                    Map.of("metric", name, "metrics", known));
        }
        return RunQuantity.metric(name);
    }

    /** The name answers give a quantity: {@code loss} for the loss. */
    static String name(String requested) {
        return requested == null ? LOSS : requested;
    }
}
