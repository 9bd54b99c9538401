package dev.scaleplan.plans;

import java.util.List;
import java.util.Map;

import dev.scaleplan.fits.PlanningFit;
import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.DegeneratePlans;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;

/** A degenerate plan is a 422 with {@code reason: "degenerate-plan"}, unless the request allows it. */
final class DegeneratePlanRefusal {

    static final String REASON = "degenerate-plan";

    private DegeneratePlanRefusal() {
    }

    /**
     * Null for a sound plan; the warning for a degenerate one the request allows.
     *
     * @throws ApiException 422 with {@code reason: "degenerate-plan"} for a degenerate plan not allowed
     */
    static String check(PlanRequest request, PlanningFit fit, Allocation allocation, List<String> parametersAtBound) {
        boolean chosen = request.objective().startsWith("fixed-");
        String reason = DegeneratePlans.reason(allocation, chosen, parametersAtBound).orElse(null);
        if (reason == null) {
            return null;
        }
        if (!Boolean.TRUE.equals(request.allowDegenerate())) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + fit.id() + " gives a degenerate "
                    + request.objective() + " plan: " + reason + ". Refit on runs that vary N and D more widely, or"
                    + " send allowDegenerate: true to have the plan anyway.", List.of(),
                    Map.of("reason", REASON, "fitId", fit.id()));
        }
        return "Degenerate plan, answered because allowDegenerate was set: " + reason + ".";
    }
}
