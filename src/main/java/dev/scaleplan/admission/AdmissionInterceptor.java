package dev.scaleplan.admission;

import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Admits each expensive request before its controller runs: takes its rate-limit tokens (429 beyond),
 * then, for renders, a slot (503 beyond) held until the answer is written. Every admitted answer
 * carries the rate-limit headers.
 */
@Component
class AdmissionInterceptor implements HandlerInterceptor {

    private static final String HELD = AdmissionInterceptor.class.getName() + ".held";

    private final RateLimits limits;
    private final Slots slots;
    private final AdmissionProperties properties;

    AdmissionInterceptor(RateLimits limits, Slots slots, AdmissionProperties properties) {
        this.limits = limits;
        this.slots = slots;
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            return true; // admitted on its first dispatch; an async or error dispatch is the same request
        }
        Optional<AdmittedRequests.Route> route = AdmittedRequests.of(request);
        if (route.isEmpty()) {
            return true;
        }
        String projectId = route.get().projectId(org.springframework.http.server.PathContainer.parsePath(
                request.getRequestURI().substring(request.getContextPath().length())));
        RateLimits.Admitted admitted = limits.admit(route.get().operation(),
                Caller.of(request, properties.unlimitedScopes()), projectId);
        HttpHeaders headers = admitted.headers();
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (route.get().slot() != null) {
            request.setAttribute(HELD, slots.take(route.get().slot()));
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (request.getAttribute(HELD) instanceof Slots.Held held) {
            held.close();
            request.removeAttribute(HELD);
        }
    }
}
