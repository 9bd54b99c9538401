package dev.scaleplan.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Query parameters and path segments read as numbers only when written in decimal, as JSON writes
 * them (RFC 8259 §6, with an optional leading +). Spring's own number parsing also accepts
 * hexadecimal ({@code 0x10} as a long, {@code 0x1p3} as a double) and Java's type suffixes
 * ({@code 8d}, {@code 8f}), so {@code fits/0x10} would read fit 16; here such values are a 400
 * naming the parameter. Editors registered on the binder come before any conversion service.
 */
@ControllerAdvice
class DecimalNumbers {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    @InitBinder
    void decimalOnly(WebDataBinder binder) {
        binder.registerCustomEditor(Long.class, new Decimal(INTEGER, Long::valueOf, true));
        binder.registerCustomEditor(long.class, new Decimal(INTEGER, Long::valueOf, false));
        binder.registerCustomEditor(Integer.class, new Decimal(INTEGER, Integer::valueOf, true));
        binder.registerCustomEditor(int.class, new Decimal(INTEGER, Integer::valueOf, false));
        binder.registerCustomEditor(Double.class, new Decimal(DECIMAL, Double::valueOf, true));
        binder.registerCustomEditor(double.class, new Decimal(DECIMAL, Double::valueOf, false));
    }

    /** A number in decimal notation; blank is absent (null) where the type allows it. */
    private static final class Decimal extends PropertyEditorSupport {

        private final Pattern syntax;
        private final Function<String, ? extends Number> parse;
        private final boolean nullable;

        Decimal(Pattern syntax, Function<String, ? extends Number> parse, boolean nullable) {
            this.syntax = syntax;
            this.parse = parse;
            this.nullable = nullable;
        }

        @Override
        public void setAsText(String text) {
            String value = text == null ? "" : text.strip();
            if (value.isEmpty() && nullable) {
                setValue(null);
                return;
            }
            if (!syntax.matcher(value).matches()) {
                throw new IllegalArgumentException("not a decimal number");
            }
            // NumberFormatException (out of range) is an IllegalArgumentException too: a 400 naming the parameter.
            setValue(parse.apply(value));
        }
    }
}
