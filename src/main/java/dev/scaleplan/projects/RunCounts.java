package dev.scaleplan.projects;

import java.util.Collection;
import java.util.Map;

/**
 * How many runs projects hold, answered by the {@code runs} feature, which owns the {@code run} table:
 * a project shows its run count without reading another feature's table.
 */
public interface RunCounts {

    /** Runs per project id, for the given projects (absent: none). */
    Map<String, Long> runCounts(Collection<String> projectIds);
}
