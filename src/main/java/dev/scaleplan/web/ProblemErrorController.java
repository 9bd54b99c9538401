package dev.scaleplan.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code /error} page as problem+json, in place of Boot's {@code {timestamp, status, error, path}}:
 * what a servlet filter or the container answered with {@code sendError}, or threw before any
 * controller ran.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 500;
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ProblemType type;
        String detail;
        if (failure != null && causedBy(failure, InvalidParameterException.class)) {
            log.debug("Undecodable request parameter: {}", failure.getMessage());
            type = ProblemType.BAD_REQUEST;
            detail = MalformedRequestFilter.DETAIL;
        } else if (failure != null && DatabaseFailures.isUnavailable(failure)) {
            log.warn("Database unavailable: {}", failure.getMessage());
            type = ProblemType.SERVICE_UNAVAILABLE;
            detail = "The database is unavailable; retry shortly";
        } else if (failure != null && causedBy(failure, ApiException.class)) {
            ApiException api = cause(failure, ApiException.class);
            type = api.type();
            detail = api.getMessage();
        } else {
            type = typeOf(status);
            detail = type == ProblemType.INTERNAL ? "An unexpected error occurred; it has been logged" : type.title();
            if (type == ProblemType.INTERNAL) {
                log.error("Unhandled error before the controllers, status {}", status, failure);
            }
        }
        ResponseEntity<Object> response = ProblemDetailsAdvice.problem(type, detail, List.of(), Map.of());
        if (response.getBody() instanceof ProblemDetail problem) {
            problem.setInstance(instance(request));
        }
        if (type == ProblemType.SERVICE_UNAVAILABLE) {
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, "5").body(response.getBody());
        }
        return response;
    }

    private static ProblemType typeOf(int status) {
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

    private static URI instance(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        try {
            return uri == null ? null : URI.create(uri.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return cause(failure, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
