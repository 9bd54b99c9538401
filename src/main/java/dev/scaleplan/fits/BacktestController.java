package dev.scaleplan.fits;

import java.util.concurrent.CompletableFuture;

import dev.scaleplan.web.ApiPaths;
import dev.scaleplan.web.AsyncAnswer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** A fit's backtest and the coverage of its bands learnt from it; both answer once the backtest is made. */
@RestController
@RequestMapping(ApiPaths.V1 + "/projects/{projectId}/fits/{fitId}")
@Tag(name = "Fits")
class BacktestController {

    private final BacktestGate gate;
    private final Calibrations calibrations;

    BacktestController(BacktestGate gate, Calibrations calibrations) {
        this.gate = gate;
        this.calibrations = calibrations;
    }

    @GetMapping("/backtest")
    @ApiResponse(responseCode = "200", description = "The backtest points")
    @Operation(operationId = "getBacktest", summary = "How far can this fit be trusted?",
            description = "Refits the fit's form and options (no bootstrap) on the runs below several compute "
                    + "cut-offs (those below which 50, 60, 70, 80 and 90% of the runs lie; for an isoflop fit, just "
                    + "below each budget from the fourth on) and reports the relative error of predicting the runs "
                    + "above, against the extrapolation ratio, and how far each refit's compute-optimal N* and D* at "
                    + "`flops` lie from the full fit's (`parametersRatio`, `tokensRatio`). `summary` reports the error "
                    + "at the furthest extrapolation and the largest drift in words. Computed on the first request and "
                    + "kept until the runs it refits change (uploads to other datasets or tags keep it); plans and "
                    + "predictions from this fit then use it for their calibrated band and drift. Computing it is "
                    + "admitted like a fit: identical requests while it computes share one computation (whatever "
                    + "their `flops`), it stops at the fitting time budget, and it refits at most "
                    + "`scaleplan.fitting.max-runs` runs.")
    @ApiResponse(responseCode = "400", description = "Invalid flops")
    @ApiResponse(responseCode = "404", description = "No such project or fit")
    @ApiResponse(responseCode = "422", description = "More runs than a fit may use, a downstream fit, or the time "
            + "budget ran out (`reason: time-budget-exceeded`)")
    @ApiResponse(responseCode = "429", description = "Too many backtests for this key or project; retry after "
            + "`Retry-After` seconds")
    DeferredResult<BacktestResponse> backtest(@PathVariable String projectId, @PathVariable long fitId,
            @Parameter(description = "Budget C at which to compare the refits' allocations with the full fit's "
                    + "(default: 10× the largest fitted run's compute)") @RequestParam(required = false) Double flops) {
        return answer(gate.backtest(projectId, fitId, flops));
    }

    @GetMapping("/coverage")
    @Operation(operationId = "getCoverage", summary = "How often did each band hold out of sample?",
            description = "From the fit's backtest (made now if there is none for the current runs): for each band "
                    + "(`confidence` and `prediction`, each refit's bootstrap bands; `calibrated`, learnt from the "
                    + "other cut-offs) and each bucket of extrapolation ratio, how many of the runs the cut-off refits "
                    + "predicted lay inside the band, against the coverage it claims. See docs/calibration.md.")
    @ApiResponse(responseCode = "200", description = "The coverage table")
    @ApiResponse(responseCode = "404", description = "No such project or fit")
    @ApiResponse(responseCode = "422", description = "A downstream fit, which predicts no loss")
    @ApiResponse(responseCode = "503", description = "All fitting slots busy; retry after the given seconds")
    DeferredResult<CoverageResponse> coverage(@PathVariable String projectId, @PathVariable long fitId) {
        return answer(calibrations.coverage(projectId, fitId));
    }

    /** The answer once computed; a request gives up only after the backtest's own time-budget answer. */
    private <T> DeferredResult<T> answer(CompletableFuture<T> answer) {
        return AsyncAnswer.of(answer, gate.requestTimeout());
    }
}
