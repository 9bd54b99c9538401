package dev.scaleplan.web;

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
 * Text PostgreSQL stores as sent: no NUL and no unpaired UTF-16 surrogate (a JSON {@code "\ud800"}
 * would be stored as '?'). {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = WellFormedText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface WellFormedText {

    String message() default "must not contain NUL or unpaired surrogate characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks every char: NUL, or a surrogate that is not half of a pair, fails. */
    class Validator implements ConstraintValidator<WellFormedText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || wellFormed(value);
        }

        public static boolean wellFormed(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\0') {
                    return false;
                }
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }
    }
}
