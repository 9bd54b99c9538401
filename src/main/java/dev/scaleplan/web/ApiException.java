package dev.scaleplan.web;

import java.util.List;
import java.util.Map;

/**
 * A failure a client can act on. {@link ProblemDetailsAdvice} turns it into problem+json with
 * the type's status.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<ProblemError> errors;
    private final Map<String, Object> properties;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ApiException(ProblemType type, String detail, List<ProblemError> errors) {
        this(type, detail, errors, Map.of());
    }

    public ApiException(ProblemType type, String detail, List<ProblemError> errors, Map<String, Object> properties) {
        super(detail);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.properties = Map.copyOf(properties);
    }

    public static ApiException notFound(String resource, Object id) {
        return new ApiException(ProblemType.NOT_FOUND, resource + " '" + id + "' does not exist");
    }

    public static ApiException invalid(String detail, List<ProblemError> errors) {
        return new ApiException(ProblemType.VALIDATION, detail, errors);
    }

    public static ApiException invalidField(String field, String message) {
        return invalid("Invalid value for '" + field + "': " + message, List.of(ProblemError.field(field, message)));
    }

    /** A bad query or path parameter. */
    public static ApiException invalidParameter(String name, String message) {
        return invalid("Invalid value for parameter '" + name + "': " + message,
                List.of(new ProblemError(null, null, name, message)));
    }

    public ProblemType type() {
        return type;
    }

    public List<ProblemError> errors() {
        return errors;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
