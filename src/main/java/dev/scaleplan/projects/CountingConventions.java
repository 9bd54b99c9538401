package dev.scaleplan.projects;

import java.util.Objects;

import dev.scaleplan.fitting.FlopsConvention;
import dev.scaleplan.fitting.ParameterCount;

/**
 * How a project counts model size and training compute (docs/conventions.md).
 *
 * @param parameterCount what the runs' {@code parameters} count
 * @param flopsConvention how training compute is counted
 * @param flopsPerToken k, the FLOPs per parameter per token of the {@code 6N} term
 */
public record CountingConventions(ParameterCount parameterCount, FlopsConvention flopsConvention, double flopsPerToken) {

    public CountingConventions {
        Objects.requireNonNull(parameterCount, "parameterCount");
        Objects.requireNonNull(flopsConvention, "flopsConvention");
    }

    /** The conventions a project declares. */
    public static CountingConventions of(Project project) {
        return new CountingConventions(ParameterCount.of(project.parameterCount()),
                FlopsConvention.of(project.flopsConvention()), project.flopsPerToken());
    }
}
