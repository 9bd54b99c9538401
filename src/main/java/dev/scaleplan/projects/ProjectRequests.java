package dev.scaleplan.projects;

/** Patterns shared by the project request bodies. */
final class ProjectRequests {

    static final String SLUG = "[a-z0-9][a-z0-9-]{0,62}";
    static final String NO_CONTROL = "[^\\p{Cntrl}]*";

    private ProjectRequests() {
    }
}
