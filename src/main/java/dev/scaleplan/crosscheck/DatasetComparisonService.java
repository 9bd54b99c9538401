package dev.scaleplan.crosscheck;

import static dev.scaleplan.web.QuantityLimits.questioned;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.scaleplan.fitting.EffectiveData;
import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.admission.Slots;
import dev.scaleplan.fits.FitForms;
import dev.scaleplan.fits.FittingProperties;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitMonitor;
import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.ComputeOptimal;
import dev.scaleplan.planning.PlanOutcome;
import dev.scaleplan.projects.Project;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.runs.DatasetRuns;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.web.ApiEstimate;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.stereotype.Service;

/**
 * Fits the same law form to each dataset of a project and compares them: parameters, the loss each
 * predicts at one (N, D), and the effective-data multiplier against a reference dataset. Everything is
 * validated before any fit; the fits are kept aside ({@link DatasetFits}), never stored as the project's;
 * at most {@value #MAX_DATASETS} datasets are compared at once, under one expensive-read slot and one time
 * budget.
 */
@Service
public class DatasetComparisonService {

    static final int MAX_DATASETS = 12;

    private final ProjectService projects;
    private final RunService datasets;
    private final DatasetFits fits;
    private final Slots slots;
    private final FittingProperties fitting;

    DatasetComparisonService(ProjectService projects, RunService datasets, DatasetFits fits, Slots slots,
                             FittingProperties fitting) {
        this.projects = projects;
        this.datasets = datasets;
        this.fits = fits;
        this.slots = slots;
        this.fitting = fitting;
    }

    public DatasetComparison compare(String projectId, String form, String reference, Double parameters,
                                     Double tokens) {
        return compare(projectId, form, reference, parameters, tokens, null);
    }

    /** {@code only}: the datasets to compare (null: all, when there are at most {@value #MAX_DATASETS}). */
    public DatasetComparison compare(String projectId, String form, String reference, Double parameters,
                                     Double tokens, List<String> only) {
        Project project = projects.get(projectId);
        String wanted = form == null ? FitForms.DEFAULT : form;
        if (!FitForms.inParametersAndTokens(wanted)) {
            throw ApiException.invalidParameter("form", "must be chinchilla or kaplan (a law in both N and D, so "
                    + "that tokens of one dataset can be traded for tokens of another)");
        }
        double[] given = given(parameters, tokens);
        List<DatasetRuns> named = selected(projectId, datasets.datasets(projectId), only);
        if (reference != null && named.stream().noneMatch(d -> d.dataset().equals(reference))) {
            throw new ApiException(ProblemType.NOT_FOUND, "Dataset '" + reference + "' does not exist in project '"
                    + projectId + "'" + (named.isEmpty() ? "; no run names a dataset"
                    : "; its runs name " + named.stream().map(DatasetRuns::dataset)
                    .collect(Collectors.joining(", "))));
        }
        if (named.size() < 2) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "Datasets are compared when the runs name at least two; "
                    + "project '" + projectId + "' has " + (named.isEmpty() ? "none" : "only '" + named.get(0).dataset() + "'")
                    + ". Give runs a dataset field.");
        }
        if (named.size() > MAX_DATASETS) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "Project '" + projectId + "' names " + named.size()
                    + " datasets; at most " + MAX_DATASETS + " are compared at once. Name them with datasets=a,b,…",
                    List.of(), Map.of("reason", "too-many-datasets", "datasets", named.size()));
        }
        String ref = reference != null ? reference : named.get(0).dataset();
        List<DatasetRuns> ordered = new ArrayList<>();
        named.stream().filter(d -> d.dataset().equals(ref)).forEach(ordered::add);
        named.stream().filter(d -> !d.dataset().equals(ref)).forEach(ordered::add);

        List<Fitted> fitted = fitAll(project, wanted, ordered);
        Fitted referenceFit = fitted.get(0);
        if (referenceFit.fit == null) {
            throw new ApiException(ProblemType.FIT_FAILED, "The reference dataset '" + ref + "' cannot be fitted with "
                    + wanted + ": " + referenceFit.reason + " Name another with reference=.");
        }
        double[] point = given != null ? given : point(referenceFit, project.flopsPerToken());
        double level = referenceFit.fit.confidenceLevel();
        List<DatasetComparison.Row> rows = fitted.stream().map(f -> row(f, referenceFit, point, level)).toList();
        return new DatasetComparison(projectId, wanted, ref, point[0], point[1], level,
                datasets.runsWithoutDataset(projectId), String.format(Locale.ROOT,
                "effectiveDataMultiplier = D_ref/D, where L_%s(N, D_ref) = L_dataset(N, D) at N = %.3g, D = %.3g: "
                        + "how many tokens of the reference give the loss one token of the dataset does; "
                        + "intervals pair the two fits' bootstrap draws.", ref, point[0], point[1]), rows);
    }

    /** One dataset's fit, or why there is none. */
    private record Fitted(DatasetRuns dataset, Fit fit, String reason) {
    }

    /** The datasets' fits: kept ones at once, the others under one slot and one time budget. */
    private List<Fitted> fitAll(Project project, String form, List<DatasetRuns> ordered) {
        boolean allKept = ordered.stream().allMatch(d -> fits.isKept(project, d.dataset(), form));
        try (Slots.Held slot = allKept ? null : slots.take(Slots.Kind.EXPENSIVE_READ)) {
            FitMonitor budget = FitMonitor.NONE.withTimeBudget(fitting.timeBudget());
            return ordered.stream().map(d -> {
                DatasetFits.Fitted fit = fits.fit(project, d.dataset(), form, budget);
                return new Fitted(d, fit.fit(), fit.reason());
            }).toList();
        }
    }

    /** The datasets named in {@code only} (each must exist), or all. */
    private static List<DatasetRuns> selected(String projectId,
                                                                List<DatasetRuns> all,
                                                                List<String> only) {
        if (only == null) {
            return all;
        }
        if (only.size() > MAX_DATASETS) {
            throw ApiException.invalidParameter("datasets", "at most " + MAX_DATASETS + " datasets are compared at once");
        }
        for (String dataset : only) {
            if (all.stream().noneMatch(d -> d.dataset().equals(dataset))) {
                throw new ApiException(ProblemType.NOT_FOUND, "Dataset '" + dataset + "' does not exist in project '"
                        + projectId + "'");
            }
        }
        return all.stream().filter(d -> only.contains(d.dataset())).toList();
    }

    /** The (N, D) the client gave, checked; null when it gave neither. */
    private static double[] given(Double parameters, Double tokens) {
        if ((parameters == null) != (tokens == null)) {
            throw ApiException.invalidParameter(parameters == null ? "parameters" : "tokens",
                    "give both parameters and tokens, or neither");
        }
        return parameters == null ? null
                : new double[] {questioned("parameters", parameters), questioned("tokens", tokens)};
    }

    /** The default (N, D): the reference's compute-optimal allocation of its largest run's compute. */
    private static double[] point(Fitted reference, double flopsPerToken) {
        double flops = reference.fit.ranges().flops().max();
        PlanOutcome<Allocation> optimum = ComputeOptimal.allocation(reference.fit.law(), flops, flopsPerToken);
        if (!optimum.isPlanned()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, optimum.reason() + " Give parameters and tokens.");
        }
        return new double[] {optimum.orElseThrow().parameters(), optimum.orElseThrow().tokens()};
    }

    private static DatasetComparison.Row row(Fitted fitted, Fitted reference, double[] point, double level) {
        if (fitted.fit == null) {
            return new DatasetComparison.Row(fitted.dataset.dataset(), fitted.dataset.runs(), null, null, null,
                    fitted.reason);
        }
        Map<String, ApiEstimate> parameters = new LinkedHashMap<>();
        fitted.fit.parameters().forEach((name, e) -> parameters.put(name, ApiEstimate.of(e)));
        Fit law = fitted.fit;
        Estimate loss = EffectiveData.loss(law.law(), law.drawLaws(), point[0], point[1], level);
        Estimate multiplier = EffectiveData.multiplier(law.law(), law.drawLaws(), reference.fit.law(),
                reference.fit.drawLaws(), point[0], point[1], level);
        String reason = multiplier != null ? null : String.format(Locale.ROOT, "The reference cannot reach this "
                + "dataset's loss (%.4g) at N = %.3g with any amount of data.", loss.estimate(), point[0]);
        return new DatasetComparison.Row(fitted.dataset.dataset(), fitted.dataset.runs(), parameters,
                estimate(loss), estimate(multiplier), reason);
    }

    private static ApiEstimate estimate(Estimate estimate) {
        return estimate == null ? null : ApiEstimate.of(estimate);
    }
}
