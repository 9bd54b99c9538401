package dev.scaleplan.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes problem+json from servlet filters, which run before the controller advice can. */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, ProblemType type, String detail, String instance,
                      Map<String, String> headers) throws IOException {
        ProblemDetail problem = (ProblemDetail) ProblemDetailsAdvice.problem(type, detail, List.of(), Map.of()).getBody();
        if (instance != null) {
            try {
                problem.setInstance(java.net.URI.create(instance));
            } catch (IllegalArgumentException e) {
                // a path the firewall rejected may not even be a URI; leave instance out
            }
        }
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        headers.forEach(response::setHeader);
        json.writeValue(response.getOutputStream(), problem);
    }
}
