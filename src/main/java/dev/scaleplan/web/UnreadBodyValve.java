package dev.scaleplan.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After an error answered before the request body was read (a 401 to a keyless upload, a 404, a
 * 413), tells Tomcat not to drain the rest of the body but to close the connection. Otherwise a
 * worker thread keeps reading whatever a slow or hostile client still sends, up to the swallow size.
 */
final class UnreadBodyValve extends ValveBase {

    UnreadBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            if (response.getStatus() >= 400 && !request.isAsync() && bodyUnread(request)) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
                if (response.isCommitted()) {
                    // The answer is out; Tomcat's closing the connection must not add an error page to it.
                    response.setErrorReported();
                }
            }
        }
    }

    private static boolean bodyUnread(Request request) {
        AtomicBoolean fullyRead = new AtomicBoolean(true);
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
        return !fullyRead.get();
    }
}
