package dev.scaleplan.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a query string that is not valid percent-encoded UTF-8 ({@code ?x=%FF}, {@code ?x=%ZZ})
 * with a 400 problem, logged at DEBUG, on every endpoint and before authentication — instead of
 * letting Tomcat's parameter parsing fail later as a 500 with a stack trace.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedRequestFilter extends OncePerRequestFilter {

    static final String DETAIL = "The query string is not valid percent-encoded UTF-8";

    private static final Logger log = LoggerFactory.getLogger(MalformedRequestFilter.class);

    private final ProblemWriter problems;

    MalformedRequestFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !wellEncoded(query)) {
            log.debug("Rejected a malformed query string on {}", request.getRequestURI());
            problems.write(response, ProblemType.BAD_REQUEST, DETAIL, request.getRequestURI(), Map.of());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Every {@code %} is followed by two hex digits and the decoded bytes are UTF-8. */
    static boolean wellEncoded(String query) {
        ByteBuffer bytes = ByteBuffer.allocate(query.length() * 3);
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0
                        || Character.digit(query.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.put((byte) ((Character.digit(query.charAt(i + 1), 16) << 4) + Character.digit(query.charAt(i + 2), 16)));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
