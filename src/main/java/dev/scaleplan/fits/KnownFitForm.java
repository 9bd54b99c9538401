package dev.scaleplan.fits;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A form id of {@link FitForms} (null passes: {@code @NotNull} says whether one is required). The API
 * document gets the same list as its enum and pattern from {@link FitFormSchema}.
 */
@Documented
@Constraint(validatedBy = KnownFitForm.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownFitForm {

    String message() default "must be a known form";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<KnownFitForm, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || FitForms.isKnown(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(FitForms.oneOf()).addConstraintViolation();
            return false;
        }
    }
}
