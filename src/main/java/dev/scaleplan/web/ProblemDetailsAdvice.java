package dev.scaleplan.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error a controller raises becomes RFC 9457 problem+json, as {@link ProblemMapper} classifies it:
 * a stable {@code type}, a {@code title}, a {@code detail} and, for validation, an {@code errors} list.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> failure(Exception e) {
        return ProblemMapper.of(e).toResponse(null);
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

    /** The Spring MVC exceptions {@link ResponseEntityExceptionHandler} knows, with the headers it chose. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        Problem problem = ProblemMapper.ofHandled(ex, statusCode, body);
        HttpHeaders merged = new HttpHeaders();
        merged.putAll(headers);
        merged.putAll(problem.headers());
        merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem.toProblemDetail(null), merged, problem.type().status());
    }
}
