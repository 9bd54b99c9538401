package dev.scaleplan.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replaces Tomcat's HTML error page for errors Tomcat answers itself, before any servlet runs
 * (a request target with {@code %2f}, {@code %00}, {@code \} or raw non-ASCII characters, a
 * malformed request line, a request line and headers over the size limit): the body is problem+json like
 * every other error.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    static final String MALFORMED_REQUEST_LINE = "The request line or target is malformed: paths may not hold "
            + "encoded '/', '\\' or NUL, raw non-ASCII characters or invalid percent-encoding";

    static final String REQUEST_HEADER_TOO_LARGE = "The request line and headers are longer than this server "
            + "accepts (server.max-http-request-header-size, 8 KB by default): send fewer or shorter query parameters "
            + "or headers";
    /** Tomcat's message for a request line and headers over its limit, in the locale Tomcat words it in. */
    private static final String TOMCAT_HEADER_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
            .getString("iib.requestheadertoolarge.error");

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);
    /** The valve runs outside Spring, before any servlet: a plain mapper writes the members it is given. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        Problem problem = ProblemMapper.ofStatus(status);
        Map<String, Object> members = problem.members();
        members.put("detail", status != 400 ? problem.type().title()
                : throwable != null && TOMCAT_HEADER_TOO_LARGE.equals(throwable.getMessage()) ? REQUEST_HEADER_TOO_LARGE
                : MALFORMED_REQUEST_LINE);
        members.put("status", status);
        log.debug("Tomcat answered {} before the application: {}", status, throwable == null ? "" : throwable.toString());
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                problem.headers().forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
                writer.write(JSON.writeValueAsString(members));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not write the error body", e);
        }
    }
}
