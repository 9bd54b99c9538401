package dev.scaleplan.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Replaces Tomcat's HTML error page for errors Tomcat answers itself, before any servlet runs
 * (a request target with {@code %2f}, {@code %00}, {@code \} or raw non-ASCII characters, a
 * malformed request line): the body is problem+json like every other error.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        ProblemType type = status == 400 ? ProblemType.BAD_REQUEST : status == 404 ? ProblemType.NOT_FOUND
                : status == 413 ? ProblemType.PAYLOAD_TOO_LARGE : status >= 500 ? ProblemType.INTERNAL : null;
        String title = type != null ? type.title() : known != null ? known.getReasonPhrase() : "Error";
        String slug = type != null ? type.uri().toString() : "about:blank";
        String detail = status == 400
                ? "The request line or target is malformed: paths may not hold encoded '/', '\\\\' or NUL, "
                + "raw non-ASCII characters or invalid percent-encoding"
                : title;
        log.debug("Tomcat answered {} before the application: {}", status, throwable == null ? "" : throwable.toString());
        String body = "{\"type\":\"" + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not write the error body", e);
        }
    }
}
