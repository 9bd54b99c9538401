package dev.scaleplan.planning;

import dev.scaleplan.fitting.ChinchillaLaw;
import dev.scaleplan.fitting.KaplanLaw;
import dev.scaleplan.fitting.SyntheticRuns;

/** Published fits used as fixtures. */
final class ReferenceLaws {

    /** Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt", corrected Approach 3 fit. */
    static final ChinchillaLaw BESIROGLU = SyntheticRuns.BESIROGLU;

    /** Kaplan et al. 2020, eq. 1.5 with Table 2's Nc = 8.8e13, Dc = 5.4e13, alphaN = 0.076, alphaD = 0.095. */
    static final KaplanLaw KAPLAN = new KaplanLaw(8.8e13, 5.4e13, 0.076, 0.095);

    /** The Chinchilla training budget (Hoffmann et al. 2022): 70B parameters on 1.4T tokens, C ≈ 5.76e23. */
    static final double CHINCHILLA_FLOPS = 5.76e23;

    private ReferenceLaws() {
    }
}
