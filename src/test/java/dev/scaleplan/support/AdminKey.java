package dev.scaleplan.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Integration tests run with a known bootstrap admin key, sent by default on every MockMvc
 * request; a test that sets its own {@code Authorization} header overrides it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AdminKey {

    public static final String SECRET = "test-admin-key-0123456789";

    @Bean
    MockMvcBuilderCustomizer sendAdminKey() {
        return builder -> builder.defaultRequest(get("/").header(HttpHeaders.AUTHORIZATION, "Bearer " + SECRET));
    }
}
