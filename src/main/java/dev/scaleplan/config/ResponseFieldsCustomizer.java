package dev.scaleplan.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * What a generated client needs to know of every record field, said in the schema. Answers leave out null
 * fields (`default-property-inclusion: non_null`), so a field is always present exactly when it cannot be
 * null: a primitive ({@code double}, {@code long}, {@code int}, {@code boolean}) is {@code required}; a field
 * written even when null ({@code @JsonInclude(ALWAYS)}, e.g. {@code lower}/{@code upper} without bootstrap
 * draws) is {@code required} and its type admits {@code null}. Request records have no primitive fields, so
 * this adds nothing a client must send. The property is marked here ({@link #REQUIRED}); {@link
 * ApiContractCustomizer} moves the marks into each schema's {@code required} list once the document is built
 * (swagger-core sets a model's required list after its properties, replacing additions made here).
 */
class ResponseFieldsCustomizer implements PropertyCustomizer {

    /** Extension marking a property as always present in answers; removed from the served document. */
    static final String REQUIRED = "x-scaleplan-required";

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null || type.getPropertyName() == null) {
            return property;
        }
        boolean writtenWhenNull = writtenWhenNull(type.getCtxAnnotations());
        if (isPrimitive(type.getType()) || writtenWhenNull) {
            property.addExtension(REQUIRED, true);
        }
        if (writtenWhenNull && property.get$ref() == null) {
            Set<String> types = property.getTypes() == null ? new java.util.LinkedHashSet<>()
                    : new java.util.LinkedHashSet<>(property.getTypes());
            if (property.getType() != null) {
                types.add(property.getType());
            }
            types.add("null");
            property.setTypes(types);
        }
        return property;
    }

    private static boolean writtenWhenNull(Annotation[] annotations) {
        if (annotations == null) {
            return false;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof JsonInclude include && include.value() == JsonInclude.Include.ALWAYS) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPrimitive(Type type) {
        if (type instanceof Class<?> raw) {
            return raw.isPrimitive();
        }
        return type instanceof com.fasterxml.jackson.databind.JavaType javaType && javaType.isPrimitive();
    }
}
