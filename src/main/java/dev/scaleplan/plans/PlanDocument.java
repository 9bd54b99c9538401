package dev.scaleplan.plans;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The stored shape of a plan (the {@code result} column), versioned like a fit's document so that the
 * answer's shape can change without breaking stored rows.
 * <ul>
 *   <li>version 1 (no {@code version} field): the plan's answer as served, with {@code id} 0 and no
 *       {@code createdAt} (both live in their columns and are ignored here); D/N may be called
 *       {@code tokensPerParameter} and {@code warnings} may be absent.</li>
 *   <li>version 2: {@code version} and the fields of {@link Plan}, at the top level.</li>
 * </ul>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record PlanDocument(Integer version, @JsonUnwrapped Plan plan) {

    static final int CURRENT_VERSION = 2;

    static PlanDocument of(Plan plan) {
        return new PlanDocument(CURRENT_VERSION, plan);
    }
}
