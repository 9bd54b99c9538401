package dev.scaleplan.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.scaleplan.web.ProblemWriter;
import dev.scaleplan.web.RequestJson;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A controller slice: the named controllers with the MVC layer the application gives them (strict request
 * JSON, problem+json for every error), their services mocked by the test, no database. Servlet filters
 * (API keys, body limits) and admission are left out: their own tests cover them on the whole application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = {"dev\\.scaleplan\\.admission\\..*", "dev\\.scaleplan\\.web\\..*Filter"}))
@AutoConfigureMockMvc(addFilters = false)
@Import({RequestJson.class, ProblemWriter.class})
public @interface ApiSliceTest {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};
}
