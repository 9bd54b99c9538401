package dev.scaleplan.keys;

import java.util.Map;

import jakarta.servlet.DispatcherType;

import dev.scaleplan.web.ApiPaths;
import dev.scaleplan.web.PageSecurityHeaders;
import dev.scaleplan.web.ProblemType;
import dev.scaleplan.web.ProblemWriter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call what: {@code read} for GET, {@code write} for changes, {@code admin} for keys;
 * health, the API documentation, the web page and (by default) Prometheus are open by name;
 * everything else is denied.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    /**
     * No Micrometer observations of Spring Security's filter chain, authentication and authorisation:
     * they made a span per filter, about 15% of a prediction's CPU (JFR, BENCHMARKS.md), and their timers
     * add nothing to {@code http.server.requests}, whose {@code status} tag already counts 401 and 403.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeyService keys, ProblemWriter problems,
                            SecurityProperties properties) throws Exception {
        String read = Scope.READ.authority();
        String write = Scope.WRITE.authority();
        String admin = Scope.ADMIN.authority();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.addHeaderWriter(PageSecurityHeaders.writer()))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> {
                    // Streaming responses (CSV export) and error pages were authorised on their first dispatch.
                    auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
                    auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
                    auth.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                            "/swagger-ui.html", "/swagger-ui/**").permitAll();
                    // The web page: its shell, static assets and WebJars; it calls /api/v1 with a key.
                    auth.requestMatchers(HttpMethod.GET, "/", "/index.html", "/favicon.ico", "/app/**", "/webjars/**")
                            .permitAll();
                    auth.requestMatchers("/error").permitAll();
                    if (properties.prometheusPublic()) {
                        auth.requestMatchers("/actuator/prometheus").permitAll();
                    }
                    auth.requestMatchers("/actuator/**").hasAuthority(read);
                    auth.requestMatchers(ApiPaths.V1 + "/keys", ApiPaths.V1 + "/keys/**").hasAuthority(admin);
                    auth.requestMatchers(HttpMethod.GET, ApiPaths.V1 + "/**").hasAuthority(read);
                    auth.requestMatchers(HttpMethod.HEAD, ApiPaths.V1 + "/**").hasAuthority(read);
                    auth.requestMatchers(ApiPaths.V1 + "/**").hasAuthority(write);
                    auth.anyRequest().denyAll();
                })
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problems.write(response,
                                ProblemType.UNAUTHORIZED, "Send an API key as 'Authorization: Bearer <key>'",
                                request.getRequestURI(), Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer")))
                        .accessDeniedHandler((request, response, e) -> problems.write(response,
                                ProblemType.FORBIDDEN, "This API key lacks the scope this call needs "
                                        + "(read for GET, write for changes, admin for keys)",
                                request.getRequestURI(), Map.of())));
        return http.build();
    }

    /** A request the firewall refuses (encoded slashes, {@code ;}, {@code //}, …) is a 400 problem, logged at DEBUG. */
    @Bean
    RequestRejectedHandler problemOnRejectedRequest(ProblemWriter problems) {
        return (request, response, e) -> {
            log.debug("Firewall rejected {}: {}", request.getRequestURI(), e.getMessage());
            problems.write(response, ProblemType.BAD_REQUEST, "The request was rejected: its path or headers hold "
                    + "characters or sequences this service does not accept (such as ';', '//', encoded '/' or '.', "
                    + "or control characters)", null, Map.of());
        };
    }

    /** admin ⊃ write ⊃ read. */
    @Bean
    static RoleHierarchy scopeHierarchy() {
        return RoleHierarchyImpl.withRolePrefix("SCOPE_")
                .role("admin").implies("write")
                .role("write").implies("read")
                .build();
    }

    /** Keeps Boot from creating a default user with a generated password: keys are the only credential. */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensureAdminKey(ApplicationReadyEvent event) {
        ApiKeyService keys = event.getApplicationContext().getBean(ApiKeyService.class);
        SecurityProperties properties = event.getApplicationContext().getBean(SecurityProperties.class);
        keys.ensureAdminKey(properties.bootstrapKey());
    }
}
