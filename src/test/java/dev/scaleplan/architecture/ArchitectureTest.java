package dev.scaleplan.architecture;

import java.util.Set;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.scaleplan.ScaleplanApplication;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules of the code base (DESIGN.md, HELPERS.md): pure numerics, thin controllers,
 * no cycles between packages, and each feature's tables reached only through its own service.
 */
@AnalyzeClasses(locations = ArchitectureTest.MainClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** fitting and planning are plain Java: they can be reused and tested without a container. */
    @ArchTest
    static final ArchRule numericsArePlainJava = noClasses()
            .that().resideInAnyPackage("dev.scaleplan.fitting..", "dev.scaleplan.planning..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "javax.sql..",
                    "com.fasterxml.jackson..", "tools.jackson..", "java.sql..", "io.micrometer..", "org.slf4j..")
            .as("fitting and planning depend on no Spring, Jakarta, Jackson, JDBC, metrics or logging");

    /** plots draws from plain records: no HTTP, no SQL, no JSON (DESIGN.md). */
    @ArchTest
    static final ArchRule plotsDrawWithoutHttpOrSql = noClasses()
            .that().resideInAPackage("dev.scaleplan.plots..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "javax.sql..",
                    "java.sql..", "com.fasterxml.jackson..", "tools.jackson..", "dev.scaleplan.web..",
                    "dev.scaleplan.fits..", "dev.scaleplan.plans..", "dev.scaleplan.runs..")
            .as("plots depends on no Spring, servlet, JDBC, JSON or feature package");

    /** Controllers translate HTTP into service calls; they never run SQL themselves. */
    @ArchTest
    static final ArchRule controllersDoNotReachRepositories = noClasses()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
            .should().dependOnClassesThat().areAnnotatedWith(Repository.class)
            .as("controllers never reach repositories");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.scaleplan.(*)..").should().beFreeOfCycles()
            .as("no cycles between the packages under dev.scaleplan");

    /** A feature's repository is private to its package; other packages use that feature's service. */
    @ArchTest
    static final ArchRule repositoriesStayInTheirFeature = noClasses()
            .should(reachARepositoryOfAnotherPackage())
            .as("a feature package reaches another's data only through its service");

    private static ArchCondition<JavaClass> reachARepositoryOfAnotherPackage() {
        return new ArchCondition<>("depend on a @Repository of another package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (target.isAnnotatedWith(Repository.class)
                            && !target.getPackageName().equals(origin.getPackageName())) {
                        events.add(SimpleConditionEvent.satisfied(origin, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The compiled application (target/classes), without scanning every jar on the class path. */
    static final class MainClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(ScaleplanApplication.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }

    /** Guards the rules themselves: the analysed classes are the application's, not an empty set. */
    @ArchTest
    static void analysesTheApplication(JavaClasses classes) {
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.scaleplan.fitting")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.scaleplan.runs")).isTrue();
    }
}
