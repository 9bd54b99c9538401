package dev.scaleplan.crosscheck;

import java.util.List;

import dev.scaleplan.web.ApiPaths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(ApiPaths.V1 + "/projects/{projectId}")
@Tag(name = "Cross-checks", description = "Approach 2 against Approach 3, and datasets compared")
class CrossCheckController {

    private final AgreementService agreement;
    private final DatasetComparisonService comparison;

    CrossCheckController(AgreementService agreement, DatasetComparisonService comparison) {
        this.agreement = agreement;
        this.comparison = comparison;
    }

    @GetMapping("/agreement")
    @ApiResponse(responseCode = "200", description = "The two methods side by side")
    @Operation(operationId = "getAgreement", summary = "Do the IsoFLOP analysis and the Chinchilla fit agree?",
            description = "Approach 2 (the latest `isoflop` fit: N* ∝ C^a, D* ∝ C^b) beside Approach 3 (the latest "
                    + "`chinchilla` fit: a = β/(α+β), b = α/(α+β)), with bootstrap intervals, the difference, whether "
                    + "the intervals overlap, a verdict in words, and the two compute-optimal allocations of one "
                    + "budget with the loss each predicts.")
    @ApiResponse(responseCode = "400", description = "Invalid flops")
    @ApiResponse(responseCode = "404", description = "No such project, or one of the two fits is missing "
            + "(`missing` names it; `detail` says how to make it)")
    Agreement agreement(@PathVariable String projectId,
                        @Parameter(description = "Budget C for the allocations (default: the largest observed run)",
                                example = "1e22") @RequestParam(required = false) Double flops) {
        return agreement.agreement(projectId, flops);
    }

    @GetMapping("/datasets/comparison")
    @ApiResponse(responseCode = "200", description = "One row per dataset")
    @Operation(operationId = "compareDatasets", summary = "Compare datasets",
            description = "Fits the form to each dataset's runs (default options) and returns one row per dataset: its "
                    + "parameters, its predicted loss at (parameters, tokens), and the effective-data multiplier "
                    + "against the reference — how many tokens of the reference give the loss this dataset reaches "
                    + "at that N and D — with bootstrap intervals. The per-dataset fits are kept aside in memory for "
                    + "the project's current data, never stored as the project's fits, so a comparison changes no "
                    + "other answer. At most 12 datasets are compared at once (`datasets` names them).")
    @ApiResponse(responseCode = "400", description = "Invalid form, parameters or tokens")
    @ApiResponse(responseCode = "404", description = "No such project, or no such reference dataset")
    @ApiResponse(responseCode = "422", description = "Fewer than two datasets, more than 12 without `datasets`, "
            + "the reference cannot be fitted, or the time budget ran out")
    @ApiResponse(responseCode = "429", description = "Too many comparisons for this key or project; retry after "
            + "`Retry-After` seconds")
    DatasetComparison comparison(
            @PathVariable String projectId,
            @Parameter(description = "chinchilla or kaplan", example = "chinchilla")
            @RequestParam(defaultValue = "chinchilla") String form,
            @Parameter(description = "Reference dataset (default: the one with most runs)", example = "web-v1")
            @RequestParam(required = false) String reference,
            @Parameter(description = "N to state losses and multipliers at (default: the reference's compute-optimal "
                    + "N at its largest run's compute)", example = "1e9")
            @RequestParam(required = false) Double parameters,
            @Parameter(description = "D to state them at (give with parameters)", example = "2e10")
            @RequestParam(required = false) Double tokens,
            @Parameter(description = "Datasets to compare, comma-separated (default: all, when there are at most 12)")
            @RequestParam(required = false) List<String> datasets) {
        return comparison.compare(projectId, form, reference, parameters, tokens,
                datasets == null ? null : datasets.stream().map(String::strip).filter(d -> !d.isEmpty()).distinct()
                        .toList());
    }
}
