package dev.scaleplan.accelerators;

import java.util.List;

import dev.scaleplan.planning.Accelerator;
import dev.scaleplan.planning.AcceleratorCatalogue;
import dev.scaleplan.web.ApiPaths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Accelerators", description = "Peak dense BF16 throughput and memory of the accelerators a budget can name")
class AcceleratorController {

    /** One catalogue entry. */
    @Schema(name = "Accelerator")
    record AcceleratorView(@Schema(example = "h100-sxm") String id, @Schema(example = "NVIDIA H100 SXM") String name,
                           @Schema(description = "Peak dense BF16 FLOP/s", example = "9.89e14") double peakFlopsPerSecond,
                           @Schema(description = "Memory in GB", example = "80") double memoryGb,
                           @Schema(description = "MFU assumed when a budget gives none", example = "0.4") double defaultMfu,
                           @Schema(description = "Where the figures come from") String source) {
    }

    @GetMapping(ApiPaths.V1 + "/accelerators")
    @Operation(operationId = "listAccelerators", summary = "List accelerators", description = "The catalogue used to turn accelerator-hours into FLOPs: "
            + "C = count · hours · 3600 · peak · MFU.")
    List<AcceleratorView> list() {
        return AcceleratorCatalogue.all().stream().map(AcceleratorController::view).toList();
    }

    private static AcceleratorView view(Accelerator a) {
        return new AcceleratorView(a.id(), a.name(), a.peakFlopsPerSecond(), a.memoryGb(),
                AcceleratorCatalogue.DEFAULT_MFU, a.source());
    }
}
