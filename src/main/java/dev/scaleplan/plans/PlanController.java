package dev.scaleplan.plans;

import java.net.URI;

import dev.scaleplan.web.ApiPaths;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(ApiPaths.V1 + "/projects/{projectId}/plans")
@Tag(name = "Plans", description = "How big a model, how many tokens, what loss and at what cost, with intervals")
class PlanController {

    private final PlanService service;

    PlanController(PlanService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(operationId = "createPlan", summary = "Make a plan",
            description = """
                    Plans a training run from a fit (default: the project's latest chinchilla fit, fitted now if there \
                    is none). N, D and the predicted loss carry percentile intervals over the fit's bootstrap draws. \
                    The response also lists alternatives for the same compute side by side (compute-optimal, \
                    Kaplan-style N ∝ C^0.73, and a 4× smaller over-trained model) and how far the plan extrapolates \
                    beyond the fitted runs, in the same words a prediction uses. `stale` and `warnings` say when the \
                    fit is stale, carries warnings of its own, or the allocation leaves the shape of the fitted runs. \
                    A target at or below the irreducible loss is a 422, and so is a degenerate fit's absurd plan. With \
                    `experts`, routed (MoE) options at the same compute stand beside the dense plan: the moe fit's loss \
                    (with band) and effective parameter count, total parameters, the weights' memory at \
                    `bytesPerParameter` (default 2, BF16) and how many of each catalogued accelerator hold it. Clark et \
                    al.'s law has no data term, so each option keeps the dense plan's active parameters and tokens \
                    (`moeAllocation` says so). `metrics` adds each metric through its chain (its downstream fit, then the \
                    law fit of that fit's predictor; `metricFits` pins fits), with `chain` and bands pairing the \
                    steps' bootstrap draws. `target-metric` (`targetMetric: {name, value}`) answers the least compute \
                    whose compute-optimal allocation reaches the metric through its chain (see docs/chains.md).""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, examples = {
                    @ExampleObject(name = "compute-optimal for a FLOP budget",
                            value = "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 5.76e23}}"),
                    @ExampleObject(name = "a month of 1024 H100s",
                            value = "{\"objective\": \"compute-optimal\", \"budget\": {\"accelerator\": \"h100-sxm\", "
                                    + "\"count\": 1024, \"hours\": 720, \"mfu\": 0.4, \"pricePerHour\": 2.5}}"),
                    @ExampleObject(name = "least compute for a target loss",
                            value = "{\"objective\": \"target-loss\", \"targetLoss\": 2.0}"),
                    @ExampleObject(name = "inference-aware",
                            value = "{\"objective\": \"inference-aware\", \"targetLoss\": 2.0, \"inferenceTokens\": 2e13}"),
                    @ExampleObject(name = "data-constrained",
                            value = "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e22}, \"uniqueTokens\": 1e11}"),
                    @ExampleObject(name = "dense and MoE side by side, with a benchmark",
                            value = "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e22}, "
                                    + "\"experts\": [8, 64], \"bytesPerParameter\": 2, \"metrics\": [\"hellaswag\"]}"),
                    @ExampleObject(name = "tokens for a 7B model",
                            value = "{\"objective\": \"fixed-parameters\", \"parameters\": 7e9, \"budget\": {\"flops\": 1e22}}")})))
    @ApiResponse(responseCode = "201", description = "Planned; `Location` points at the plan")
    @ApiResponse(responseCode = "400", description = "Missing or invalid fields for the objective")
    @ApiResponse(responseCode = "404", description = "No such project or fit")
    @ApiResponse(responseCode = "422", description = "Unreachable target, a law that cannot split compute, no data to "
            + "fit, or a fit (named by `fitId`) whose plan would be absurd: tokens per parameter outside 0.01 to 100,000, "
            + "or a loss below its E or below half the lowest fitted run's")
    ResponseEntity<PlanResponse> create(
            @PathVariable String projectId,
            @Valid @RequestBody PlanRequest request) {
        PlanResponse plan = service.create(projectId, request);
        return ResponseEntity.created(URI.create(ApiPaths.V1 + "/projects/" + projectId + "/plans/" + plan.id()))
                .body(plan);
    }

    @GetMapping
    @Operation(operationId = "listPlans", summary = "List plans", description = "Newest first.")
    PageResponse<PlanResponse> list(
            @PathVariable String projectId,
            @Parameter(description = "0-based page index", example = "0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 1000", example = "50") @RequestParam(defaultValue = "50") int size) {
        return service.list(projectId, new PageRequest(page, size));
    }

    @GetMapping("/{planId}")
    @Operation(operationId = "getPlan", summary = "Get a plan")
    @ApiResponse(responseCode = "200", description = "The plan")
    @ApiResponse(responseCode = "404", description = "No such project or plan")
    PlanResponse get(@PathVariable String projectId,
                     @PathVariable long planId) {
        return service.get(projectId, planId);
    }
}
