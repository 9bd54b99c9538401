package dev.scaleplan.fits;

import dev.scaleplan.web.ApiPaths;
import dev.scaleplan.web.PlotResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
@RequestMapping(ApiPaths.V1 + "/projects/{projectId}/fits/{fitId}/plots")
@Tag(name = "Fits")
class FitPlotController {

    static final String SVG_EXAMPLE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="900" height="560" viewBox="0 0 900 560">
              <text x="318" y="16">LLM scaling study — chinchilla fit 12</text>
              <g class="run"><path d="M 412 301 a 4 4 0 1 0 0.1 0"/></g>
              <g class="run"><path d="M 436 288 a 4 4 0 1 0 0.1 0"/></g>
              …
            </svg>""";

    private final FitPlotService plots;

    FitPlotController(FitPlotService plots) {
        this.plots = plots;
    }

    @GetMapping("/{kind}")
    @Operation(operationId = "plotFit", summary = "Plot a fit",
            description = """
                    An image of the fit for dashboards, wikis and reports, drawn with JFreeChart. Kinds:
                    - `loss-vs-compute`: the runs (coloured by model size), the compute-optimal frontier with its \
                    confidence band (dashed beyond the largest run) and the plans made from this fit;
                    - `isoflop`: loss against model size at five compute budgets across the runs, with the law's \
                    optimum at each budget;
                    - `residuals`: log observed − log predicted loss against compute, the held-out runs marked;
                    - `downstream` (downstream fits): the metric against its predictor (the loss, or a task's loss) \
                    over every run and checkpoint the fit's filter selects, with the fitted curve and its band — the \
                    second step of a chain; its first step is the predictor's law fit as `loss-vs-compute`.

                    SVG by default (each drawn run is a `<g class="run">`); send `Accept: image/png` for PNG. \
                    The `ETag` changes when the runs, the project or (for loss-vs-compute) the plans of the fit \
                    change; send it back in `If-None-Match` for a 304.

                    At most 2,000 runs are drawn: a larger project is drawn from an even sample across compute, \
                    and the subtitle says so ("2,000 of 205,000 runs shown"). Plots drawn at once are bounded \
                    (`scaleplan.plots.*`): beyond that the answer is 503 with `Retry-After`.""")
    @ApiResponse(responseCode = "200", description = "The image", content = {
            @Content(mediaType = PlotResponses.SVG, schema = @Schema(type = "string"),
                    examples = @ExampleObject(name = "loss-vs-compute", value = SVG_EXAMPLE)),
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match")
    @ApiResponse(responseCode = "400", description = "Width or height out of range")
    @ApiResponse(responseCode = "404", description = "No such project, fit or plot kind")
    @ApiResponse(responseCode = "406", description = "Neither SVG nor PNG is acceptable")
    @ApiResponse(responseCode = "422", description = "The fit's law has no such view (e.g. IsoFLOP for a one-variable power law)")
    ResponseEntity<byte[]> plot(
            @PathVariable String projectId,
            @PathVariable long fitId,
            @Parameter(description = "loss-vs-compute, isoflop or residuals (law fits); downstream (downstream fits)",
                    example = "loss-vs-compute")
            @PathVariable String kind,
            @Parameter(description = "Width in pixels, 320 to 3000", example = "900") @RequestParam(required = false) Integer width,
            @Parameter(description = "Height in pixels, 240 to 2000", example = "560") @RequestParam(required = false) Integer height,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            WebRequest request) {
        return PlotResponses.answer(request, accept, width, height, 900, 560,
                (w, h, format) -> plots.plot(projectId, fitId, kind, w, h, format), CacheControl.noCache().cachePrivate());
    }
}
