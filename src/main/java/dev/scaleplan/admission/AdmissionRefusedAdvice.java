package dev.scaleplan.admission;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers a refused request as problem+json with its {@code Retry-After} and rate-limit headers. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdmissionRefusedAdvice {

    @ExceptionHandler(AdmissionRefused.class)
    ResponseEntity<ProblemDetail> refused(AdmissionRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.type().status(), e.getMessage());
        problem.setType(e.type().uri());
        problem.setTitle(e.type().title());
        e.properties().forEach(problem::setProperty);
        return ResponseEntity.status(e.type().status()).headers(e.headers())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
