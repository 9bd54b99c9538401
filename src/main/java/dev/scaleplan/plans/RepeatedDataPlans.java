package dev.scaleplan.plans;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.scaleplan.fits.FitLookup;
import dev.scaleplan.fits.PlanningFit;
import dev.scaleplan.fitting.Repetition;
import dev.scaleplan.planning.DataConstrained;
import dev.scaleplan.planning.DataConstrainedPlan;

/**
 * Plans on capped unique data: which fit they use (the given one, else the project's latest
 * data-constrained fit, else the default fit with the published constants) and what they answer about it.
 */
final class RepeatedDataPlans {

    static final String FORM = "data-constrained";

    private RepeatedDataPlans() {
    }

    /** The fit to plan with: the request's, else for a plan on capped unique data the latest data-constrained fit. */
    static Long fitId(FitLookup fits, String projectId, PlanRequest request) {
        if (request.fitId() != null || request.uniqueTokens() == null) {
            return request.fitId();
        }
        return fits.latestId(projectId, FORM).orElse(null);
    }

    static PlanResponse.DataConstraint response(DataConstrainedPlan plan, PlanningFit fit) {
        boolean published = DataConstrained.usesPublishedConstants(fit.law());
        return new PlanResponse.DataConstraint(plan.uniqueTokens(), plan.epochs(), plan.effectiveTokens(),
                plan.lossPenalty(), published ? null : fit.id(), plan.rStarD(), plan.rStarN());
    }

    /** What the plan's repetition constants rest on, when they are not the project's own fit. */
    static List<String> warnings(DataConstrainedPlan plan, PlanningFit fit) {
        List<String> warnings = new ArrayList<>();
        if (plan.epochs() <= 1 || !DataConstrained.usesPublishedConstants(fit.law())) {
            return warnings;
        }
        warnings.add(String.format(Locale.ROOT, "This plan repeats the unique data %.3g times and values the repeats"
                + " with published constants, not a fit of this project: %s Fit form %s on runs that carry"
                + " uniqueTokens to use this project's own.", plan.epochs(), Repetition.PUBLISHED_UNCERTAINTY, FORM));
        if (plan.rStarN() == null) {
            warnings.add("Fit " + fit.id() + " is a " + fit.form() + " law, for which the compute-optimal size of the"
                    + " unique data has no closed form, so only repeated data was discounted (R*_D), not parameters"
                    + " beyond what the data can use (R*_N): the penalty for a model much larger than the data can use"
                    + " is understated.");
        }
        return warnings;
    }
}
