package dev.scaleplan.fits;

import dev.scaleplan.web.ApiPaths;
import dev.scaleplan.web.AsyncAnswer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@RestController
@RequestMapping(ApiPaths.V1 + "/projects/{projectId}/fits/{fitId}/coverage")
@Tag(name = "Fits")
class CoverageController {

    private final Calibrations calibrations;
    private final BacktestGate gate;

    CoverageController(Calibrations calibrations, BacktestGate gate) {
        this.calibrations = calibrations;
        this.gate = gate;
    }

    @GetMapping
    @Operation(operationId = "getCoverage", summary = "How often did each band hold out of sample?",
            description = "From the fit's backtest (made now if there is none for the current runs): for each band "
                    + "(`confidence` and `prediction`, each refit's bootstrap bands; `calibrated`, learnt from the "
                    + "other cut-offs) and each bucket of extrapolation ratio, how many of the runs the cut-off refits "
                    + "predicted lay inside the band, against the coverage it claims. See docs/calibration.md.")
    @ApiResponse(responseCode = "200", description = "The coverage table")
    @ApiResponse(responseCode = "404", description = "No such project or fit")
    @ApiResponse(responseCode = "422", description = "A downstream fit, which predicts no loss")
    @ApiResponse(responseCode = "503", description = "All fitting slots busy; retry after the given seconds")
    DeferredResult<CoverageResponse> coverage(@Parameter(description = "Project id", example = "llm-scaling") @PathVariable String projectId,
                              @Parameter(description = "Fit id", example = "12") @PathVariable long fitId) {
        return AsyncAnswer.of(calibrations.coverage(projectId, fitId), gate.deadline().plusSeconds(30));
    }
}
