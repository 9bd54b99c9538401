package dev.scaleplan.web;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says in the API's own words why a JSON body could not be read: the field (as a JSON pointer)
 * and what was wrong with it, never Jackson's message with its Java types.
 */
public final class JsonProblems {

    private static final Pattern DUPLICATE = Pattern.compile("(?i)duplicate (?:object property|field) [\"']([^\"']*)[\"']");
    /** Jackson's words for NaN, Infinity and the like, which JSON has no token for. */
    private static final Pattern NON_NUMERIC = Pattern.compile("^Non-standard token '([^']*)'");
    /** Java or Jackson names a message might still carry: `java.lang.Integer`, tools.jackson.…, dev.scaleplan.…. */
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "`[^`]*`|\\b(?:java|javax|jakarta|tools\\.jackson|com\\.fasterxml|dev\\.scaleplan|org\\.springframework)\\.[\\w.$<>,\\[\\]]+"
                    + "|\\bJsonToken\\.\\w+|\\bStreamReadConstraints\\.\\w+(?:\\(\\))?|\\bStreamReadConstraints\\b");

    /**
     * A location Jackson writes into some messages ("start marker at [Source: REDACTED (…); line: 1,
     * column: 9]"); the source is always redacted and the byte offset often unknown, so only the line
     * and column are kept.
     */
    private static final Pattern SOURCE = Pattern.compile(
            "\\[Source: (?:[^\\]]*?line: (\\d+), column: (\\d+))?[^\\]]*\\]");
    private static final Pattern EMPTY_LOCATION = Pattern.compile("\\s*\\((?:start marker at\\s*)?\\)|\\s*start marker at\\s*$");

    private JsonProblems() {
    }

    /** "The JSON body could not be read at line L, column C (field /a/b): what". */
    public static String detail(JacksonException jackson) {
        String where = jackson.getLocation() == null || jackson.getLocation().getLineNr() < 0 ? ""
                : " at line " + jackson.getLocation().getLineNr() + ", column " + jackson.getLocation().getColumnNr();
        String pointer = pointer(jackson);
        String field = pointer.isEmpty() ? "" : " (field " + pointer + ")";
        return "The JSON body could not be read" + where + field + ": " + message(jackson);
    }

    /** The error for the field, or null when the failure is not tied to one. */
    public static ProblemError error(JacksonException jackson) {
        String pointer = pointer(jackson);
        if (pointer.isEmpty()) {
            return null;
        }
        return new ProblemError(pointer, null, pointer.substring(pointer.lastIndexOf('/') + 1), message(jackson));
    }

    /**
     * A JSON pointer to the failing value ("" for the whole body); a repeated key points at itself. A token
     * the parser refuses (NaN) carries no path of its own: the parser's position names its field.
     */
    static String pointer(JacksonException jackson) {
        if (jackson instanceof StreamReadException read && read.processor() != null
                && NON_NUMERIC.matcher(String.valueOf(jackson.getOriginalMessage())).find()) {
            return position(read.processor().streamReadContext());
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : jackson.getPath()) {
            String name = reference.getPropertyName();
            path.append('/').append(name != null ? escape(name) : String.valueOf(reference.getIndex()));
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(jackson.getOriginalMessage()));
        if (duplicate.find()) {
            path.append('/').append(escape(duplicate.group(1)));
        }
        return path.toString();
    }

    /** The parser's position as a JSON pointer, each name shortened as {@link #escape} does. */
    private static String position(TokenStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                segments.addFirst(String.valueOf(at.getCurrentIndex()));
            } else if (at.currentName() != null) {
                segments.addFirst(escape(at.currentName()));
            }
        }
        return segments.isEmpty() ? "" : "/" + String.join("/", segments);
    }

    static String message(JacksonException jackson) {
        String original = String.valueOf(jackson.getOriginalMessage());
        if (jackson instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (DUPLICATE.matcher(original).find()) {
            return "the field appears more than once";
        }
        Matcher nonNumeric = NON_NUMERIC.matcher(original);
        if (nonNumeric.find()) {
            return "'" + sanitize(nonNumeric.group(1)) + "' is not a JSON number; send a finite number";
        }
        if (jackson instanceof StreamConstraintsException) {
            return "the body exceeds a parsing limit (nesting depth, number, name or string length)";
        }
        if (jackson instanceof InvalidFormatException || jackson instanceof MismatchedInputException) {
            Class<?> target = jackson instanceof MismatchedInputException mismatched ? mismatched.getTargetType() : null;
            return target == null ? "has the wrong type" : "must be " + describe(target);
        }
        return sanitize(firstLine(original));
    }

    /** The JSON shape a Java type is read from, in words. */
    static String describe(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "an integer (no quotes, no fraction)";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number (no quotes)";
        }
        if (type == String.class || type == Character.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.isPrimitive()) {
            return "an object";
        }
        return "of another type";
    }

    /** Removes Java and Jackson type names from a parser message. */
    static String sanitize(String message) {
        String located = SOURCE.matcher(message).replaceAll(source -> source.group(1) == null ? ""
                : "line " + source.group(1) + ", column " + source.group(2));
        String cleaned = JAVA_NAMES.matcher(EMPTY_LOCATION.matcher(located).replaceAll(""))
                .replaceAll("…").replaceAll("\\s+", " ").strip();
        return cleaned.isEmpty() ? "invalid content" : cleaned;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static String escape(String name) {
        String safe = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        return safe.replace("~", "~0").replace("/", "~1");
    }
}
