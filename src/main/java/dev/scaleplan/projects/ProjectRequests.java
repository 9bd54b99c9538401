package dev.scaleplan.projects;

/** Patterns shared by the project request bodies. */
final class ProjectRequests {

    static final String SLUG = "[a-z0-9][a-z0-9-]{0,62}";
    /** No ASCII control character: Java's {@code \p{Cntrl}}, written so ECMA-262 (JSON Schema) reads it too. */
    static final String PARAMETER_COUNT = "total|non-embedding";
    static final String FLOPS_CONVENTION = "6N|6N\\+attention|given";
    static final String NO_CONTROL = "[^\\x00-\\x1F\\x7F]*";

    private ProjectRequests() {
    }
}
