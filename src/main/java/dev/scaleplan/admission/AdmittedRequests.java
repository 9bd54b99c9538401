package dev.scaleplan.admission;

import java.util.List;
import java.util.Optional;

import dev.scaleplan.web.ApiPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which requests are which expensive operation: the one table admission reads, so that an endpoint is
 * limited by being listed here, not by a check in its controller.
 */
final class AdmittedRequests {

    /** One operation's requests: a method and path pattern, and for some a media type asked for. */
    record Route(Operation operation, HttpMethod method, PathPattern path, MediaType accepting, Slots.Kind slot) {

        boolean matches(HttpServletRequest request, PathContainer path) {
            return method.matches(request.getMethod()) && this.path.matches(path)
                    && (accepting == null || accepts(request, accepting));
        }

        String projectId(PathContainer path) {
            PathPattern.PathMatchInfo info = this.path.matchAndExtract(path);
            return info == null ? null : info.getUriVariables().get("projectId");
        }
    }

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
    private static final String PROJECT = ApiPaths.V1 + "/projects/{projectId}";

    private static final List<Route> ROUTES = List.of(
            route(Operation.FITS, HttpMethod.POST, "/fits", null, null),
            route(Operation.BACKTESTS, HttpMethod.GET, "/fits/{fitId}/backtest", null, null),
            route(Operation.BACKTESTS, HttpMethod.GET, "/fits/{fitId}/coverage", null, null),
            route(Operation.COMPARISONS, HttpMethod.GET, "/datasets/comparison", null, null),
            route(Operation.COMPARISONS, HttpMethod.GET, "/agreement", null, null),
            route(Operation.RENDERS, HttpMethod.GET, "/fits/{fitId}/plots/{kind}", null, Slots.Kind.RENDER),
            route(Operation.RENDERS, HttpMethod.GET, "/plans/{planId}/plot", null, Slots.Kind.RENDER),
            route(Operation.EXPORTS, HttpMethod.GET, "/runs/export", null, null),
            route(Operation.EXPORTS, HttpMethod.GET, "/runs", new MediaType("text", "csv"), null));

    private AdmittedRequests() {
    }

    private static Route route(Operation operation, HttpMethod method, String path, MediaType accepting,
                               Slots.Kind slot) {
        return new Route(operation, method, PARSER.parse(PROJECT + path), accepting, slot);
    }

    /** The route of an expensive request; empty for every other request. */
    static Optional<Route> of(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        return ROUTES.stream().filter(route -> route.matches(request, path)).findFirst();
    }

    private static boolean accepts(HttpServletRequest request, MediaType wanted) {
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.getQualityValue() > 0
                    && !type.isWildcardType() && type.isCompatibleWith(wanted));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
