package dev.scaleplan.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No production source file grows past 300 lines: a class that long is doing two things, and the one
 * that grew last is the one to split (PlanService reached 312 unnoticed before this test).
 */
class ClassSizeTest {

    private static final int MAX_LINES = 300;

    @Test
    void noProductionSourceFileIsOver300Lines() throws IOException {
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            tooLong = files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> new SourceFile(file, lines(file)))
                    .filter(source -> source.lines() > MAX_LINES)
                    .map(source -> source.path() + " (" + source.lines() + " lines)")
                    .toList();
        }
        assertThat(tooLong).as("production source files over %d lines", MAX_LINES).isEmpty();
    }

    private record SourceFile(Path path, long lines) {
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
