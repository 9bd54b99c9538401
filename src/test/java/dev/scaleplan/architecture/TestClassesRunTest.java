package dev.scaleplan.architecture;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class with a test method (JUnit's {@code @Test}, jqwik's {@code @Property}, anything
 * {@link Testable}) matches the Surefire or the Failsafe include patterns of the pom, so that no test
 * class is silently left out of {@code ./mvnw verify} (as {@code PlanningProperties} once was). The
 * patterns come from the pom through system properties, so this test checks what the build runs.
 */
class TestClassesRunTest {

    private static final String UNIT = "scaleplan.build.unit-test-includes";
    private static final String INTEGRATION = "scaleplan.build.integration-test-includes";

    @Test
    void everyTestClassMatchesAnIncludePattern() throws Exception {
        List<Pattern> unit = patterns(UNIT);
        List<Pattern> integration = patterns(INTEGRATION);
        List<String> testSources = testClassNames().stream().filter(TestClassesRunTest::hasTestMethod)
                .map(TestClassesRunTest::sourcePath).distinct().toList();
        assertThat(testSources).as("test classes found").hasSizeGreaterThan(20)
                .contains("dev/scaleplan/architecture/TestClassesRunTest.java");

        List<String> skipped = testSources.stream()
                .filter(path -> unit.stream().noneMatch(p -> p.matcher(path).matches()))
                .filter(path -> integration.stream().noneMatch(p -> p.matcher(path).matches()))
                .sorted().toList();
        assertThat(skipped).as("test classes matching neither %s (%s) nor %s (%s): rename them or add a pattern "
                + "in the pom", UNIT, System.getProperty(UNIT), INTEGRATION, System.getProperty(INTEGRATION))
                .isEmpty();
    }

    @Test
    void includePatternsAreReadLikeMavenDoes() {
        assertThat(antPattern("**/*Tests.java").matcher("dev/scaleplan/planning/PlannerTests.java").matches()).isTrue();
        assertThat(antPattern("**/*Test.java").matcher("dev/scaleplan/planning/PlanningProperties.java").matches())
                .isFalse();
        assertThat(antPattern("**/*IT.java").matcher("OpenApiIT.java").matches()).isTrue();
    }

    /** Every class compiled from src/test/java, by binary name. */
    private static List<String> testClassNames() throws IOException, URISyntaxException {
        Path root = Path.of(TestClassesRunTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString().replace(java.io.File.separatorChar, '.'))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .filter(name -> name.startsWith("dev.scaleplan.")).sorted().toList();
        }
    }

    /** Whether the class declares or inherits a method JUnit Platform engines run (Jupiter, jqwik, ...). */
    private static boolean hasTestMethod(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, TestClassesRunTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return !ReflectionSupport.findMethods(type, method -> AnnotationSupport.isAnnotated(method, Testable.class),
                HierarchyTraversalMode.TOP_DOWN).isEmpty();
    }

    /** The source file Surefire matches: a nested class runs with (and is named by) its top-level class. */
    private static String sourcePath(String className) {
        int nested = className.indexOf('$');
        return (nested < 0 ? className : className.substring(0, nested)).replace('.', '/') + ".java";
    }

    private static List<Pattern> patterns(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by the pom's Surefire configuration)", property).isNotBlank();
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(TestClassesRunTest::antPattern).toList();
    }

    /** An Ant-style include ({@code **}/ any directories, {@code *} within a name) as a regex on the path. */
    static Pattern antPattern(String ant) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < ant.length(); i++) {
            char c = ant.charAt(i);
            if (ant.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
