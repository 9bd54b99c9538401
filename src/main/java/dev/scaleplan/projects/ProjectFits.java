package dev.scaleplan.projects;

/**
 * Whether a project has fits, answered by the {@code fits} feature, which owns the {@code fit} table: a
 * project's parameter count cannot change under fits made in the old count.
 */
public interface ProjectFits {

    /** Number of fits stored for the project. */
    long fitCount(String projectId);
}
