package dev.scaleplan.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * The one classification of failures into problems: exception (walking its causes) or bare status →
 * type, title, detail, field errors and {@code Retry-After}. Used by {@link ProblemDetailsAdvice},
 * {@code /error}, the servlet filters (through {@link ProblemWriter}) and {@link ProblemErrorReportValve}.
 */
public final class ProblemMapper {

    static final String DATABASE_UNAVAILABLE = "The database is unavailable; retry shortly";
    static final String UNEXPECTED = "An unexpected error occurred; it has been logged";

    private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);

    private ProblemMapper() {
    }

    /** The problem for a failure thrown anywhere: what its causes say, else a logged 500. */
    public static Problem of(Throwable failure) {
        Problem known = known(failure);
        if (known != null) {
            return known;
        }
        log.error("Unhandled error", failure);
        return Problem.of(ProblemType.INTERNAL, UNEXPECTED);
    }

    /**
     * The problem for a failure whose meaning its causes tell (an {@link ApiException}, a database outage,
     * an undecodable parameter, a request the firewall refused), else null.
     */
    public static Problem known(Throwable failure) {
        if (failure == null) {
            return null;
        }
        ApiException api = cause(failure, ApiException.class);
        if (api != null) {
            return Problem.of(api.type(), api.getMessage(), api.errors(), api.properties());
        }
        if (DatabaseFailures.isUnavailable(failure) || cause(failure, TransientDataAccessException.class) != null) {
            log.warn("Database unavailable: {}", failure.getMessage());
            return Problem.of(ProblemType.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE);
        }
        if (cause(failure, InvalidParameterException.class) != null) {
            log.debug("Undecodable request parameter: {}", failure.getMessage());
            return Problem.of(ProblemType.BAD_REQUEST, MalformedRequestFilter.DETAIL);
        }
        if (failure instanceof RequestRejectedException) {
            log.debug("Request rejected: {}", failure.getMessage());
            return Problem.of(ProblemType.BAD_REQUEST, "The request was rejected: a parameter name or value holds "
                    + "characters this service does not accept (such as control characters)");
        }
        return null;
    }

    /** The problem of a Spring MVC exception its own handler answered, with the detail it chose in {@code body}. */
    public static Problem ofHandled(Exception failure, HttpStatusCode status, Object body) {
        if (failure instanceof HttpMessageNotReadableException && cause(failure, ApiException.class) != null) {
            // A body limit or read timeout hit while a converter was reading the body.
            return of(failure);
        }
        String detail = isSpringMvc(failure) ? detailOf(failure)
                : body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : failure.getMessage();
        return Problem.of(typeOf(failure, status), detail, errorsOf(failure), Map.of());
    }

    /** The problem of a bare status (a {@code sendError} by a filter or the container). */
    public static Problem ofStatus(int status) {
        ProblemType type = typeOf(status);
        return Problem.of(type, type == ProblemType.INTERNAL ? UNEXPECTED : type.title());
    }

    static ProblemType typeOf(int status) {
        return switch (status) {
            case 400 -> ProblemType.BAD_REQUEST;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 408 -> ProblemType.REQUEST_TIMEOUT;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemType.SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ProblemType.BAD_REQUEST : ProblemType.INTERNAL;
        };
    }

    /** The first of {@code failure}'s causes (itself included) that is a {@code type}, or null. */
    public static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static boolean isSpringMvc(Throwable failure) {
        return failure instanceof HttpMessageNotReadableException || failure instanceof MethodArgumentTypeMismatchException
                || failure instanceof HttpMediaTypeNotSupportedException || failure instanceof MethodArgumentNotValidException
                || failure instanceof HandlerMethodValidationException
                || failure instanceof MissingServletRequestParameterException
                || failure instanceof NoResourceFoundException;
    }

    private static ProblemType typeOf(Throwable ex, HttpStatusCode status) {
        if (ex instanceof HttpMessageNotReadableException) {
            return ProblemType.MALFORMED_BODY;
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return ProblemType.UNSUPPORTED_MEDIA_TYPE;
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return ProblemType.NOT_ACCEPTABLE;
        }
        if (ex instanceof HttpRequestMethodNotSupportedException) {
            return ProblemType.METHOD_NOT_ALLOWED;
        }
        if (ex instanceof NoResourceFoundException) {
            return ProblemType.NOT_FOUND;
        }
        return switch (status.value()) {
            case 404 -> ProblemType.NOT_FOUND;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 503 -> ProblemType.SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? ProblemType.VALIDATION : ProblemType.INTERNAL;
        };
    }

    private static String detailOf(Throwable ex) {
        if (ex instanceof HttpMessageNotReadableException e) {
            return e.getMostSpecificCause() instanceof JacksonException jackson ? JsonProblems.detail(jackson)
                    : "The request body is missing or could not be read";
        }
        if (ex instanceof MethodArgumentTypeMismatchException e) {
            return "Parameter '" + e.getName() + "' has an invalid value";
        }
        if (ex instanceof HttpMediaTypeNotSupportedException e) {
            String sent = e.getContentType() == null ? "No Content-Type" : "Content-Type '" + e.getContentType() + "'";
            return e.getSupportedMediaTypes().isEmpty() ? sent + " is not supported"
                    : sent + " is not supported; send " + MediaType.toString(e.getSupportedMediaTypes());
        }
        if (ex instanceof MethodArgumentNotValidException || ex instanceof HandlerMethodValidationException) {
            return "The request has invalid fields; see errors";
        }
        if (ex instanceof MissingServletRequestParameterException e) {
            return "Required parameter '" + e.getParameterName() + "' is missing";
        }
        return "No such resource";
    }

    private static List<ProblemError> errorsOf(Throwable ex) {
        List<ProblemError> errors = new ArrayList<>();
        if (ex instanceof MethodArgumentNotValidException e) {
            for (FieldError error : e.getBindingResult().getFieldErrors()) {
                errors.add(ProblemError.field(error.getField().replace('.', '/'), error.getDefaultMessage()));
            }
            e.getBindingResult().getGlobalErrors()
                    .forEach(error -> errors.add(new ProblemError(null, null, null, error.getDefaultMessage())));
        } else if (ex instanceof HandlerMethodValidationException e) {
            e.getParameterValidationResults().forEach(result -> {
                String name = result.getMethodParameter().getParameterName();
                for (MessageSourceResolvable error : result.getResolvableErrors()) {
                    String field = error instanceof FieldError fieldError ? fieldError.getField() : name;
                    errors.add(new ProblemError(null, null, field, error.getDefaultMessage()));
                }
            });
        } else if (ex instanceof MethodArgumentTypeMismatchException e) {
            errors.add(new ProblemError(null, null, e.getName(), "has an invalid value"));
        } else if (ex instanceof MissingServletRequestParameterException e) {
            errors.add(new ProblemError(null, null, e.getParameterName(), "is required"));
        } else if (ex instanceof HttpMessageNotReadableException e
                && e.getMostSpecificCause() instanceof JacksonException jackson && JsonProblems.error(jackson) != null) {
            errors.add(JsonProblems.error(jackson));
        }
        return errors;
    }
}
