package dev.scaleplan.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * A full application on a real PostgreSQL ({@link TestDatabase}), with MockMvc sending the
 * bootstrap admin key ({@link AdminKey}); every test class with the same annotation shares one
 * cached context, so the database starts once per JVM. When the backend is the embedded PostgreSQL it
 * is a temporary one, deleted when the context closes at the end of the test JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"scaleplan.security.bootstrap-key=" + AdminKey.SECRET,
                // A throwaway embedded database (when it is the backend): fast settings, deleted at the end.
                "scaleplan.embedded-database.temporary=true",
                // A loaded build machine must not turn a test's small fit into a 202.
                "scaleplan.fitting.jobs.default-wait=60s",
                // The liveness probe's own port, as deployments run it (docker-compose.yml).
                "scaleplan.web.probe-port=0"})
@AutoConfigureMockMvc
@Import({TestDatabase.class, AdminKey.class, AsyncAnswers.class})
public @interface IntegrationTest {
}
