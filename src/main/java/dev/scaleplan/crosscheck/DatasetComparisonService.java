package dev.scaleplan.crosscheck;

import dev.scaleplan.web.ApiEstimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.scaleplan.fits.FitForms;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.runs.DatasetRuns;
import dev.scaleplan.fitting.EffectiveData;
import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fits.FitRequest;
import dev.scaleplan.fits.FitResponse;
import dev.scaleplan.fits.FitLookup;
import dev.scaleplan.fits.FitService;
import dev.scaleplan.fits.PlanningFit;
import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.ComputeOptimal;
import dev.scaleplan.planning.PlanOutcome;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.stereotype.Service;

/**
 * Fits the same law form to each dataset of a project (reusing fits made with the same request on the
 * current runs) and compares them: parameters, the loss each predicts at one (N, D), and the
 * effective-data multiplier against a reference dataset.
 */
@Service
public class DatasetComparisonService {

    private final ProjectService projects;
    private final FitLookup fits;
    private final FitService running;
    private final RunService datasets;

    DatasetComparisonService(ProjectService projects, FitLookup fits, FitService running, RunService datasets) {
        this.running = running;
        this.projects = projects;
        this.fits = fits;
        this.datasets = datasets;
    }

    public DatasetComparison compare(String projectId, String form, String reference, Double parameters,
                                     Double tokens) {
        double flopsPerToken = projects.flopsPerToken(projectId);
        String wanted = form == null ? FitForms.DEFAULT : form;
        if (!FitForms.inParametersAndTokens(wanted)) {
            throw ApiException.invalidParameter("form", "must be chinchilla or kaplan (a law in both N and D, so "
                    + "that tokens of one dataset can be traded for tokens of another)");
        }
        List<DatasetRuns> named = datasets.datasets(projectId);
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
        String ref = reference != null ? reference : named.get(0).dataset();
        List<DatasetRuns> ordered = new ArrayList<>();
        named.stream().filter(d -> d.dataset().equals(ref)).forEach(ordered::add);
        named.stream().filter(d -> !d.dataset().equals(ref)).forEach(ordered::add);

        List<Fitted> fitted = ordered.stream().map(d -> fit(projectId, wanted, d)).toList();
        Fitted referenceFit = fitted.get(0);
        if (referenceFit.fit == null) {
            throw new ApiException(ProblemType.FIT_FAILED, "The reference dataset '" + ref + "' cannot be fitted with "
                    + wanted + ": " + referenceFit.reason + " Name another with reference=.");
        }
        double[] point = point(referenceFit, parameters, tokens, flopsPerToken);
        double level = referenceFit.planning.confidenceLevel();
        List<DatasetComparison.Row> rows = fitted.stream().map(f -> row(f, referenceFit, point, level)).toList();
        return new DatasetComparison(projectId, wanted, ref, point[0], point[1], level,
                datasets.runsWithoutDataset(projectId), String.format(Locale.ROOT,
                "effectiveDataMultiplier = D_ref/D, where L_%s(N, D_ref) = L_dataset(N, D) at N = %.3g, D = %.3g: "
                        + "how many tokens of the reference give the loss one token of the dataset does; "
                        + "intervals pair the two fits' bootstrap draws.", ref, point[0], point[1]), rows);
    }

    /** One dataset's fit, or why there is none. */
    private record Fitted(DatasetRuns dataset, FitResponse fit, PlanningFit planning, String reason) {
    }

    private Fitted fit(String projectId, String form, DatasetRuns dataset) {
        FitRequest request = new FitRequest(form, null, null, null, null, null,
                new FitRequest.Filter(dataset.dataset(), null), null, null, null);
        try {
            FitResponse fit = running.reuseOrFit(projectId, request);
            return new Fitted(dataset, fit, fits.planningFit(projectId, fit.id()), null);
        } catch (ApiException e) {
            if (e.type() != ProblemType.FIT_FAILED) {
                throw e;
            }
            return new Fitted(dataset, null, null, e.getMessage());
        }
    }

    /** The stated (N, D), by default the reference's compute-optimal allocation of its largest run's compute. */
    private static double[] point(Fitted reference, Double parameters, Double tokens, double flopsPerToken) {
        if ((parameters == null) != (tokens == null)) {
            throw ApiException.invalidParameter(parameters == null ? "parameters" : "tokens",
                    "give both parameters and tokens, or neither");
        }
        if (parameters != null) {
            return new double[] {positive("parameters", parameters), positive("tokens", tokens)};
        }
        double flops = reference.fit.observedRanges().flops().max();
        PlanOutcome<Allocation> optimum = ComputeOptimal.allocation(reference.planning.law(), flops, flopsPerToken);
        if (!optimum.isPlanned()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, optimum.reason() + " Give parameters and tokens.");
        }
        return new double[] {optimum.orElseThrow().parameters(), optimum.orElseThrow().tokens()};
    }

    private static DatasetComparison.Row row(Fitted fitted, Fitted reference, double[] point, double level) {
        if (fitted.fit == null) {
            return new DatasetComparison.Row(fitted.dataset.dataset(), fitted.dataset.runs(), null, null, null, null,
                    fitted.reason);
        }
        Map<String, ApiEstimate> parameters = new LinkedHashMap<>(fitted.fit.parameters());
        PlanningFit law = fitted.planning;
        Estimate loss = EffectiveData.loss(law.law(), law.draws(), point[0], point[1], level);
        Estimate multiplier = EffectiveData.multiplier(law.law(), law.draws(), reference.planning.law(),
                reference.planning.draws(), point[0], point[1], level);
        String reason = multiplier != null ? null : String.format(Locale.ROOT, "The reference cannot reach this "
                + "dataset's loss (%.4g) at N = %.3g with any amount of data.", loss.estimate(), point[0]);
        return new DatasetComparison.Row(fitted.dataset.dataset(), fitted.dataset.runs(), fitted.fit.id(), parameters,
                estimate(loss), estimate(multiplier), reason);
    }

    private static ApiEstimate estimate(Estimate estimate) {
        return estimate == null ? null : ApiEstimate.of(estimate);
    }

    private static double positive(String name, double value) {
        if (!(Double.isFinite(value) && value > 0 && value <= 1e40)) {
            throw ApiException.invalidParameter(name, "must be a finite number > 0 and ≤ 1e40");
        }
        return value;
    }
}
