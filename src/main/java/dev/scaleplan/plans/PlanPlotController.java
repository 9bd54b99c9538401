package dev.scaleplan.plans;

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
@RequestMapping(ApiPaths.V1 + "/projects/{projectId}/plans/{planId}/plot")
@Tag(name = "Plans")
class PlanPlotController {

    private static final String SVG_EXAMPLE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="1000" height="420" viewBox="0 0 1000 420">
              <text x="340" y="16">LLM scaling study — plan 7: compute-optimal</text>
              <text x="14" y="160">compute-optimal</text><text x="14" y="300">kaplan-2020</text>
              …
            </svg>""";

    private final PlanPlotService plots;

    PlanPlotController(PlanPlotService plots) {
        this.plots = plots;
    }

    @GetMapping
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
        var format = PlotResponses.negotiate(accept);
        int w = PlotResponses.size("width", width, 1000, PlotResponses.MIN_WIDTH, PlotResponses.MAX_WIDTH);
        int h = PlotResponses.size("height", height, 420, PlotResponses.MIN_HEIGHT, PlotResponses.MAX_HEIGHT);
        return PlotResponses.respond(request, plots.plot(projectId, planId, w, h, format), format,
                CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate());
    }
}
