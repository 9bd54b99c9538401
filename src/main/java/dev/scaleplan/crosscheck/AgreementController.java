package dev.scaleplan.crosscheck;

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
class AgreementController {

    private final AgreementService service;

    AgreementController(AgreementService service) {
        this.service = service;
    }

    @GetMapping("/agreement")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The two methods side by side")
    @Operation(operationId = "getAgreement", summary = "Do the IsoFLOP analysis and the Chinchilla fit agree?",
            description = "Approach 2 (the latest `isoflop` fit: N* ∝ C^a, D* ∝ C^b) beside Approach 3 (the latest "
                    + "`chinchilla` fit: a = β/(α+β), b = α/(α+β)), with bootstrap intervals, the difference, whether "
                    + "the intervals overlap, a verdict in words, and the two compute-optimal allocations of one "
                    + "budget with the loss each predicts.")
    @ApiResponse(responseCode = "400", description = "Invalid flops")
    @ApiResponse(responseCode = "404", description = "No such project, or one of the two fits is missing "
            + "(`missing` names it; `detail` says how to make it)")
    Agreement agreement(@Parameter(description = "Project id", example = "llm-scaling") @PathVariable String projectId,
                        @Parameter(description = "Budget C for the allocations (default: the largest observed run)",
                                example = "1e22") @RequestParam(required = false) Double flops) {
        return service.agreement(projectId, flops);
    }
}
