package dev.scaleplan.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
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
        Problem problem = ProblemMapper.known(failure);
        if (problem == null) {
            problem = ProblemMapper.ofStatus(status);
            if (problem.type() == ProblemType.INTERNAL) {
                log.error("Unhandled error before the controllers, status {}", status, failure);
            }
        }
        return problem.toResponse(Problem.instance(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)));
    }
}
