package dev.scaleplan.fitting;

import dev.scaleplan.fitting.PowerLaw.Variable;
import java.util.List;
import java.util.Optional;

/** The registry of law forms, by {@link LawForm#id()}. */
public final class LawForms {

    /**
     * Name of Chinchilla's derived D_opt/N_opt at the largest observed compute; named so that it is not
     * mistaken for a plan's own tokens per parameter (stored fits before document version 2 call it
     * {@code tokensPerParameter}).
     */
    public static final String OPTIMAL_TOKENS_PER_PARAMETER = "optimalTokensPerParameterAtMaxObservedFlops";

    private static final List<LawForm> ALL = List.of(
            new ChinchillaForm(),
            new KaplanForm(),
            new PowerLawForm(Variable.PARAMETERS),
            new PowerLawForm(Variable.TOKENS),
            new PowerLawForm(Variable.FLOPS),
            new MoeForm(),
            new DataConstrainedForm());

    private LawForms() {
    }

    /** Every form, in a stable order. */
    public static List<LawForm> all() {
        return ALL;
    }

    /** The form with this id, if any. */
    public static Optional<LawForm> byId(String id) {
        return ALL.stream().filter(form -> form.id().equals(id)).findFirst();
    }

    /**
     * The form with this id.
     *
     * @throws IllegalArgumentException if no form has this id
     */
    public static LawForm require(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("unknown law form: " + id));
    }
}
