package dev.scaleplan.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full application on a real PostgreSQL ({@link TestDatabase}), with MockMvc sending the
 * bootstrap admin key ({@link AdminKey}); every test class with the same annotation shares one
 * cached context, so the database starts once per JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"scaleplan.security.bootstrap-key=" + AdminKey.SECRET,
                // A loaded build machine must not turn a test's small fit into a 202.
                "scaleplan.fitting.jobs.default-wait=60s"})
@AutoConfigureMockMvc
@Import({TestDatabase.class, AdminKey.class})
@ContextConfiguration(initializers = TestDatabase.FreshDataDirectory.class)
public @interface IntegrationTest {
}
