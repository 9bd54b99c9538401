package dev.scaleplan.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes problem+json from servlet filters, which run before the controller advice can, and the probe port. */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /** Writes a problem of {@code type} (with {@code Retry-After} where it asks for one) and {@code headers}. */
    public void write(HttpServletResponse response, ProblemType type, String detail, String instance,
                      Map<String, String> headers) throws IOException {
        Problem problem = Problem.of(type, detail);
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        problem.headers().forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
        headers.forEach(response::setHeader);
        response.getOutputStream().write(body(problem, instance));
    }

    /** The problem+json body of a problem of {@code type}, for a server outside the servlet API. */
    public byte[] body(ProblemType type, String detail, String instance) {
        return body(Problem.of(type, detail), instance);
    }

    private byte[] body(Problem problem, String instance) {
        return json.writeValueAsBytes(problem.toProblemDetail(Problem.instance(instance)));
    }
}
