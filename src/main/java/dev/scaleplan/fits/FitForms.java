package dev.scaleplan.fits;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.scaleplan.fitting.LawForm;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.PowerLaw.Variable;

/**
 * The registry of what {@code form} may name in a fit request: the loss-law forms of {@link LawForms},
 * an IsoFLOP analysis and a downstream fit. The only place that knows form ids.
 */
public final class FitForms {

    /** An IsoFLOP analysis (Hoffmann et al. 2022, Approach 2). */
    public static final String ISOFLOP = "isoflop";
    /** A run metric against the loss. */
    public static final String DOWNSTREAM = "downstream";
    /** The form fitted when a request names none, and the one plans use by default. */
    public static final String DEFAULT = "chinchilla";
    /** The routed-model form MoE plan options use. */
    public static final String MOE = "moe";

    private static final List<String> ALL = Stream.concat(LawForms.all().stream().map(LawForm::id),
            Stream.of(DOWNSTREAM, ISOFLOP)).toList();

    private FitForms() {
    }

    /** Every form id, in a stable order. */
    public static List<String> ids() {
        return ALL;
    }

    public static boolean isKnown(String form) {
        return ALL.contains(form);
    }

    /** The regular expression a request's {@code form} matches. */
    public static String pattern() {
        return "^(?:" + String.join("|", ALL) + ")$";
    }

    /** "one of a, b, c": the forms as a validation message names them. */
    public static String oneOf() {
        return "must be one of " + String.join(", ", ALL);
    }

    /** The loss law of this form, if it is one (not an IsoFLOP analysis or a downstream fit). */
    public static Optional<LawForm> law(String form) {
        return LawForms.byId(form);
    }

    public static boolean isIsoFlop(String form) {
        return ISOFLOP.equals(form);
    }

    public static boolean isDownstream(String form) {
        return DOWNSTREAM.equals(form);
    }

    public static boolean isDefault(String form) {
        return DEFAULT.equals(form);
    }

    /** Whether the form is a law of compute alone (so a point is placed by C, not by N and D). */
    public static boolean inComputeOnly(String form) {
        return law(form).map(f -> f.variables().equals(Set.of(Variable.FLOPS))).orElse(false);
    }

    /** Whether the form is a dense law in both N and D, so that tokens of one dataset trade for another's. */
    public static boolean inParametersAndTokens(String form) {
        return law(form).map(f -> !f.usesExperts()
                && f.variables().equals(Set.of(Variable.PARAMETERS, Variable.TOKENS))).orElse(false);
    }
}
