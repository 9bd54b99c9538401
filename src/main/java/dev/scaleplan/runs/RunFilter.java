package dev.scaleplan.runs;

import java.util.Map;

/**
 * Which runs of a project a query or a fit uses: all, or those of one dataset and/or carrying
 * every given tag.
 */
public record RunFilter(String dataset, Map<String, String> tags) {

    public static final RunFilter ALL = new RunFilter(null, Map.of());

    public RunFilter {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
