package dev.scaleplan.web;

import java.util.regex.Pattern;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Query parameters and path segments read as numbers only when written in decimal, as JSON writes
 * them (RFC 8259 §6, with an optional leading +). Java's own parsers also accept hexadecimal
 * ({@code 0x10} as a long, {@code 0x1p3} as a double) and type suffixes ({@code 8d}, {@code 8f}), so
 * {@code fits/0x10} would read fit 16; here such values are a 400 naming the parameter.
 */
@Configuration(proxyBeanMethods = false)
class DecimalNumbers implements WebMvcConfigurer {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // Registered last, so they take precedence over Spring's defaults for the same types.
        registry.addConverter(String.class, Long.class, (Converter<String, Long>) text -> {
            String value = integer(text);
            return value == null ? null : Long.valueOf(value);
        });
        registry.addConverter(String.class, Integer.class, (Converter<String, Integer>) text -> {
            String value = integer(text);
            return value == null ? null : Integer.valueOf(value);
        });
        registry.addConverter(String.class, Double.class, (Converter<String, Double>) text -> {
            String value = decimal(text);
            return value == null ? null : Double.valueOf(value);
        });
    }

    /** The decimal integer text, or null when blank (an absent value, as Spring's own converters read it). */
    static String integer(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (!INTEGER.matcher(value).matches()) {
            throw new IllegalArgumentException("not a decimal integer");
        }
        return value;
    }

    /** The decimal number text, or null when blank. */
    static String decimal(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw new IllegalArgumentException("not a decimal number");
        }
        return value;
    }
}
