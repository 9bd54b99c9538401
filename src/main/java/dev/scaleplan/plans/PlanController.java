package dev.scaleplan.plans;

import java.net.URI;
import java.time.Duration;

import dev.scaleplan.web.ApiPaths;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import dev.scaleplan.web.PlotResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
@RequestMapping(ApiPaths.V1 + "/projects/{projectId}/plans")
@Tag(name = "Plans", description = "How big a model, how many tokens, what loss and at what cost, with intervals")
class PlanController {

    private static final String SVG_EXAMPLE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="1000" height="420" viewBox="0 0 1000 420">
              <text x="340" y="16">LLM scaling study — plan 7: compute-optimal</text>
              <text x="14" y="160">compute-optimal</text><text x="14" y="300">kaplan-2020</text>
              …
            </svg>""";

    private final PlanService service;
    private final PlanPlotService plots;

    PlanController(PlanService service, PlanPlotService plots) {
        this.service = service;
        this.plots = plots;
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
    PlanResponse get(@PathVariable String projectId, @PathVariable long planId) {
        return service.get(projectId, planId);
    }

    @GetMapping("/{planId}/plot")
    @Operation(operationId = "plotPlan", summary = "Plot a plan's strategies",
            description = "The plan and its alternatives for the same compute side by side (compute-optimal, "
                    + "Kaplan-style, over-trained; the plan's own objective when it is none of these): predicted "
                    + "loss, model size, training tokens and cost (dollars when priced, accelerator-hours when an "
                    + "accelerator was named, else FLOPs). SVG by default, PNG with `Accept: image/png`; a plan "
                    + "never changes, so the image is cacheable and the ETag only changes with the project's name.")
    @ApiResponse(responseCode = "200", description = "The image", content = {
            @Content(mediaType = PlotResponses.SVG, schema = @Schema(type = "string"),
                    examples = @ExampleObject(name = "strategies", value = SVG_EXAMPLE)),
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match")
    @ApiResponse(responseCode = "400", description = "Width or height out of range")
    @ApiResponse(responseCode = "404", description = "No such project or plan")
    @ApiResponse(responseCode = "406", description = "Neither SVG nor PNG is acceptable")
    ResponseEntity<byte[]> plot(
            @PathVariable String projectId,
            @PathVariable long planId,
            @Parameter(description = "Width in pixels, 320 to 3000", example = "1000") @RequestParam(required = false) Integer width,
            @Parameter(description = "Height in pixels, 240 to 2000", example = "420") @RequestParam(required = false) Integer height,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            WebRequest request) {
        return PlotResponses.answer(request, accept, width, height, 1000, 420,
                (w, h, format) -> plots.plot(projectId, planId, w, h, format),
                CacheControl.maxAge(Duration.ofHours(1)).cachePrivate());
    }
}
