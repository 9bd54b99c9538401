package dev.scaleplan.fits;

import dev.scaleplan.web.ApiPaths;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
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
@RequestMapping(ApiPaths.V1 + "/projects/{projectId}/fits")
@Tag(name = "Fits", description = "Scaling-law fits with bootstrap intervals, predictions with bands, and curves")
class FitController {

    private final FitViews service;
    private final FitQuestions questions;
    private final FitResiduals residuals;

    FitController(FitViews service, FitQuestions questions, FitResiduals residuals) {
        this.questions = questions;
        this.service = service;
        this.residuals = residuals;
    }

    @GetMapping
    @Operation(operationId = "listFits", summary = "List fits", description = "Newest first. `stale` is true when runs changed since the fit.")
    PageResponse<FitResponse> list(
            @PathVariable String projectId,
            @Parameter(description = "0-based page index", example = "0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 1000", example = "50") @RequestParam(defaultValue = "50") int size) {
        return service.list(projectId, new PageRequest(page, size));
    }

    @GetMapping("/latest")
    @Operation(operationId = "getLatestFit", summary = "Latest fit of a form")
    @ApiResponse(responseCode = "200", description = "The newest fit of that form")
    @ApiResponse(responseCode = "404", description = "No such project, or no fit of that form yet")
    FitResponse latest(@PathVariable String projectId,
                       @Parameter(description = "Law form (default chinchilla)", example = "chinchilla")
                       @RequestParam(required = false) String form) {
        return service.latest(projectId, form);
    }

    @GetMapping("/{fitId}")
    @Operation(operationId = "getFit", summary = "Get a fit")
    @ApiResponse(responseCode = "200", description = "The fit")
    @ApiResponse(responseCode = "404", description = "No such project or fit")
    FitResponse get(@PathVariable String projectId, @PathVariable long fitId) {
        return service.get(projectId, fitId);
    }

    @GetMapping("/{fitId}/prediction")
    @Operation(operationId = "predictLoss", summary = "Predict the loss",
            description = "At a model size and token count (`parameters` and `tokens`), or on the compute-optimal "
                    + "frontier for a budget (`flops`). `band=calibrated` (the default beyond the fitted runs) widens the "
                    + "band by how the error of the fit's backtest grew with extrapolation distance and shows the "
                    + "bootstrap prediction band beside it (`bootstrap`); `confidence` (the default inside) is the "
                    + "percentile band of the mean law over the bootstrap draws, `prediction` adds the runs' residual "
                    + "scatter. The first calibrated answer of a fit makes its backtest (see docs/calibration.md). "
                    + "`extrapolation.note` warns when the point lies outside the fitted runs. Under a moe fit, "
                    + "`experts` sets the routed model's expert count (default 1) and the answer adds its effective "
                    + "parameter count; an expert count under a dense fit is a 422. `metrics=hellaswag,arc_acc` "
                    + "adds each metric through its chain (its downstream fit, then the law fit of that fit's predictor: "
                    + "this fit for the loss, else the latest law fit with that `target`; `metricFits` pins fits), with "
                    + "the fits chained (`chain`) and a band pairing the steps' bootstrap draws (plus each step's run "
                    + "scatter under prediction and calibrated bands); see docs/chains.md. Under a data-constrained fit, "
                    + "`uniqueTokens` says how many unique tokens the `tokens` were drawn from (Muennighoff et al. 2023); "
                    + "under any other fit it is a 422.")
    @ApiResponse(responseCode = "200", description = "The predicted loss with its band")
    @ApiResponse(responseCode = "400", description = "Missing or invalid numbers")
    @ApiResponse(responseCode = "404", description = "No such project or fit, or no run has an asked-for metric")
    @ApiResponse(responseCode = "422", description = "Experts under a dense fit, uniqueTokens under a fit that assumes "
            + "fresh data, a metric whose chain misses a fit (named), or a downstream fit's id")
    Prediction prediction(
            @PathVariable String projectId,
            @PathVariable long fitId,
            @Parameter(description = "Model parameters N", example = "7e10") @RequestParam(required = false) Double parameters,
            @Parameter(description = "Training tokens D", example = "1.4e12") @RequestParam(required = false) Double tokens,
            @Parameter(description = "Compute C, for the compute-optimal frontier", example = "5.76e23")
            @RequestParam(required = false) Double flops,
            @Parameter(description = "confidence, prediction or calibrated (default: calibrated beyond the fitted "
                    + "runs, confidence inside them)")
            @RequestParam(required = false) String band,
            @Parameter(description = "Experts of a routed model (moe fits only)", example = "8")
            @RequestParam(required = false) Long experts,
            @Parameter(description = "Metrics to predict through their downstream fits, comma-separated",
                    example = "hellaswag,loss_wiki")
            @RequestParam(required = false) java.util.List<String> metrics,
            @Parameter(description = "Unique tokens the `tokens` were drawn from, for repeated data (data-constrained fits "
                    + "only; default: fresh data)")
            @RequestParam(required = false) Double uniqueTokens,
            @Parameter(description = "Fit ids pinning steps of the metrics' chains (downstream fits, law fits of a "
                    + "target), comma-separated; default: the latest of each")
            @RequestParam(required = false) java.util.List<Long> metricFits) {
        return questions.predict(projectId, fitId, parameters, tokens, flops, band, experts, metrics, uniqueTokens,
                metricFits);
    }

    @GetMapping("/{fitId}/residuals")
    @Operation(operationId = "listFitResiduals", summary = "Runs under a fit",
            description = "Each of today's runs matching the fit's filter, in id order: observed and predicted loss, "
                    + "the log residual, and for a moe fit the run's effective parameter count (Clark et al. 2022: the "
                    + "dense size with the same loss). Under a dense form, routed runs are listed with `inFit` false.")
    @ApiResponse(responseCode = "200", description = "A page of runs with their residuals")
    @ApiResponse(responseCode = "404", description = "No such project or fit")
    @ApiResponse(responseCode = "422", description = "A downstream fit's id")
    PageResponse<RunResidual> residuals(
            @PathVariable String projectId,
            @PathVariable long fitId,
            @Parameter(description = "0-based page index", example = "0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 1000", example = "50") @RequestParam(defaultValue = "50") int size) {
        return residuals.residuals(projectId, fitId, new PageRequest(page, size));
    }

    @GetMapping("/{fitId}/curve")
    @Operation(operationId = "getCurve", summary = "A curve to draw",
            description = "Predicted loss with band at log-spaced points: along compute on the compute-optimal frontier "
                    + "(`axis=flops`), along N at fixed tokens, or along D at fixed parameters (`fixed`, default the "
                    + "largest observed). Default range: the smallest observed value to 100× the largest.")
    Curve curve(@PathVariable String projectId,
                @PathVariable long fitId,
                @Parameter(description = "flops, parameters or tokens", example = "flops")
                @RequestParam(defaultValue = "flops") String axis,
                @Parameter(description = "First x", example = "1e18") @RequestParam(required = false) Double from,
                @Parameter(description = "Last x", example = "1e25") @RequestParam(required = false) Double to,
                @Parameter(description = "Number of points, 2 to 500", example = "50") @RequestParam(defaultValue = "50") int points,
                @Parameter(description = "The other variable, held fixed (axis=parameters or tokens only; 1 to 1e40)")
                @RequestParam(required = false) Double fixed,
                @Parameter(description = "confidence, prediction or calibrated", example = "confidence")
                @RequestParam(defaultValue = "confidence") String band) {
        return questions.curve(projectId, fitId, axis, from, to, points, fixed, band);
    }
}
