package dev.scaleplan.fits;

import java.util.Arrays;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.stereotype.Component;

/** Documents a {@link KnownFitForm} property with the forms of {@link FitForms}, as its enum and pattern. */
@Component
class FitFormSchema implements PropertyCustomizer {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Schema customize(Schema property, AnnotatedType type) {
        if (property != null && type.getCtxAnnotations() != null
                && Arrays.stream(type.getCtxAnnotations()).anyMatch(KnownFitForm.class::isInstance)) {
            property.setEnum(FitForms.ids());
            property.setPattern(FitForms.pattern());
        }
        return property;
    }
}
