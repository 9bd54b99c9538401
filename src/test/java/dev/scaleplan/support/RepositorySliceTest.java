package dev.scaleplan.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import dev.scaleplan.config.EmbeddedDatabaseAutoConfiguration;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.projects.RunCounts;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Repository;

/**
 * A repository slice: every {@code @Repository} (and {@link ProjectService}, which owns the project table
 * the others refer to) on the real PostgreSQL of the integration tests ({@link TestDatabase}) with the
 * Flyway schema, no web layer and no services. Each test runs in a transaction that is rolled back. One
 * context for every class with this annotation, so the database starts once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@JdbcTest(properties = "scaleplan.embedded-database.temporary=true", includeFilters = {
        @ComponentScan.Filter(Repository.class),
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ProjectService.class)})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ImportAutoConfiguration({EmbeddedDatabaseAutoConfiguration.class, JacksonAutoConfiguration.class})
@Import({TestDatabase.class, RepositorySliceTest.NoRunCounts.class})
public @interface RepositorySliceTest {

    /** {@link ProjectService} asks the runs feature for run counts; the slice has no services, so none. */
    @TestConfiguration(proxyBeanMethods = false)
    class NoRunCounts {
        @Bean
        RunCounts runCounts() {
            return projectIds -> Map.of();
        }
    }
}
