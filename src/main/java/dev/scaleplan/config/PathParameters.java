package dev.scaleplan.config;

import java.util.Map;

import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.core.MethodParameter;

/**
 * The description and example of each named path parameter, said once: {@code projectId} names a project in
 * every path that has it, {@code fitId} a fit, and so on. A path parameter documented on its method
 * ({@code @Parameter(description = …)}) keeps its own words.
 */
class PathParameters implements ParameterCustomizer {

    private record Documentation(String description, Object example) {
    }

    private static final Map<String, Documentation> DOCUMENTED = Map.of(
            "projectId", new Documentation("Project id", "llm-scaling"),
            "fitId", new Documentation("Fit id", 12),
            "planId", new Documentation("Plan id", 7),
            "jobId", new Documentation("Job id", 7),
            "runId", new Documentation("Run id", 1042));

    @Override
    public Parameter customize(Parameter parameter, MethodParameter methodParameter) {
        if (parameter == null || !"path".equals(parameter.getIn()) || parameter.getDescription() != null) {
            return parameter;
        }
        Documentation documentation = DOCUMENTED.get(parameter.getName());
        if (documentation != null) {
            parameter.description(documentation.description()).example(documentation.example());
        }
        return parameter;
    }
}
