package dev.scaleplan.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.validation.FieldError;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * The one place where every error becomes RFC 9457 problem+json with a stable {@code type},
 * a {@code title}, a {@code detail} and, for validation, an {@code errors} list.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        ResponseEntity<Object> response = problem(e.type(), e.getMessage(), e.errors(), e.properties());
        return e.type() == ProblemType.SERVICE_UNAVAILABLE ? retryLater(response) : response;
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class, QueryTimeoutException.class})
    ResponseEntity<Object> databaseUnavailable(Exception e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return retryLater(problem(ProblemType.SERVICE_UNAVAILABLE,
                "The database is unavailable; retry shortly", List.of(), Map.of()));
    }

    /** A commit or rollback that failed because the connection went away is an outage, not a bug. */
    @ExceptionHandler(TransactionException.class)
    ResponseEntity<Object> transactionFailed(TransactionException e) {
        return DatabaseFailures.isUnavailable(e) ? databaseUnavailable(e) : unexpected(e);
    }

    /** The firewall refused something it checks only when asked for it, such as a parameter name. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e) {
        log.debug("Request rejected: {}", e.getMessage());
        return problem(ProblemType.BAD_REQUEST, "The request was rejected: a parameter name or value holds characters "
                + "this service does not accept (such as control characters)", List.of(), Map.of());
    }

    /** Tomcat could not decode a query or form parameter (bad percent-encoding or UTF-8). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableParameter(InvalidParameterException e) {
        log.debug("Undecodable request parameter: {}", e.getMessage());
        return problem(ProblemType.VALIDATION, MalformedRequestFilter.DETAIL, List.of(), Map.of());
    }

    private static ResponseEntity<Object> retryLater(ResponseEntity<Object> response) {
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders()).header(HttpHeaders.RETRY_AFTER, "5").body(response.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseFailures.isUnavailable(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unhandled error", e);
        return problem(ProblemType.INTERNAL, "An unexpected error occurred; it has been logged", List.of(), Map.of());
    }

    /** A 415 names what is accepted: in the detail, in {@code Accept}, and for POST in {@code Accept-Post}. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        HttpHeaders withAccepted = new HttpHeaders();
        withAccepted.putAll(headers);
        if (!ex.getSupportedMediaTypes().isEmpty()) {
            withAccepted.setAccept(ex.getSupportedMediaTypes());
            if (request instanceof ServletWebRequest servlet && HttpMethod.POST.equals(servlet.getHttpMethod())) {
                withAccepted.set("Accept-Post", MediaType.toString(ex.getSupportedMediaTypes()));
            }
        }
        return super.handleHttpMediaTypeNotSupported(ex, withAccepted, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ApiException limit = ex instanceof HttpMessageNotReadableException ? apiCause(ex) : null;
        if (limit != null) {
            // A body limit or read timeout hit while a converter was reading the body.
            return api(limit);
        }
        ProblemType type = typeOf(ex, statusCode);
        String detail = detailOf(ex, body);
        ResponseEntity<Object> response = problem(type, detail, errorsOf(ex), Map.of());
        HttpHeaders merged = new HttpHeaders();
        merged.putAll(headers);
        merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(response.getBody(), merged, type.status());
    }

    private static ApiException apiCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }

    static ResponseEntity<Object> problem(ProblemType type, String detail, List<ProblemError> errors,
                                          Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ProblemType typeOf(Exception ex, HttpStatusCode status) {
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

    private static String detailOf(Exception ex, Object body) {
        if (ex instanceof HttpMessageNotReadableException e) {
            return readableMessage(e);
        }
        if (ex instanceof MethodArgumentTypeMismatchException e) {
            return "Parameter '" + e.getName() + "' has an invalid value";
        }
        if (ex instanceof HttpMediaTypeNotSupportedException e) {
            return unsupportedMediaType(e);
        }
        if (ex instanceof MethodArgumentNotValidException || ex instanceof HandlerMethodValidationException) {
            return "The request has invalid fields; see errors";
        }
        if (ex instanceof MissingServletRequestParameterException e) {
            return "Required parameter '" + e.getParameterName() + "' is missing";
        }
        if (ex instanceof NoResourceFoundException) {
            return "No such resource";
        }
        if (body instanceof ProblemDetail problem && problem.getDetail() != null) {
            return problem.getDetail();
        }
        return ex.getMessage();
    }

    private static String unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        String sent = e.getContentType() == null ? "No Content-Type" : "Content-Type '" + e.getContentType() + "'";
        return e.getSupportedMediaTypes().isEmpty() ? sent + " is not supported"
                : sent + " is not supported; send " + MediaType.toString(e.getSupportedMediaTypes());
    }

    private static String readableMessage(HttpMessageNotReadableException e) {
        return e.getMostSpecificCause() instanceof JacksonException jackson ? JsonProblems.detail(jackson)
                : "The request body is missing or could not be read";
    }

    private static List<ProblemError> errorsOf(Exception ex) {
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
