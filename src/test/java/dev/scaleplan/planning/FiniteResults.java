package dev.scaleplan.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Optional;

/** Walks plan records and fails on any NaN or infinite number inside them. */
final class FiniteResults {

    private FiniteResults() {
    }

    static void assertAllFinite(Object value) {
        assertAllFinite(value, "result");
    }

    private static void assertAllFinite(Object value, String path) {
        if (value instanceof Double number) {
            assertThat(number).as(path).isFinite();
        } else if (value instanceof PlanOutcome.Planned<?> planned) {
            assertAllFinite(planned.plan(), path + ".plan");
        } else if (value instanceof PlanOutcome<?> failure) {
            assertThat(failure.reason()).as(path + ".reason").isNotBlank().doesNotContain("NaN");
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(inner -> assertAllFinite(inner, path));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(inner -> assertAllFinite(inner, path + "[]"));
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    assertAllFinite(component.getAccessor().invoke(record), path + "." + component.getName());
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
