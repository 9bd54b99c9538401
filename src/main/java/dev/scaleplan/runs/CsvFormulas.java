package dev.scaleplan.runs;

import java.util.regex.Pattern;

/**
 * Keeps spreadsheets from running text cells as formulas (OWASP "CSV injection"): on export a text
 * value that starts with {@code = + - @}, a tab or a carriage return, after any apostrophes, gets one
 * more leading apostrophe; on import exactly that apostrophe is removed again, so an export
 * uploaded again stores the same text. Numbers are written by the service and never neutralised.
 */
final class CsvFormulas {

    private static final Pattern EXPORTED_AS_IS_NOT = Pattern.compile("^'*[=+\\-@\\t\\r]");
    private static final Pattern NEUTRALISED = Pattern.compile("^'+[=+\\-@\\t\\r]");

    private CsvFormulas() {
    }

    /** The text as written to an exported cell. */
    static String neutralise(String value) {
        return value != null && EXPORTED_AS_IS_NOT.matcher(value).find() ? "'" + value : value;
    }

    /** The text an uploaded cell stands for: the inverse of {@link #neutralise}. */
    static String restore(String cell) {
        return cell != null && NEUTRALISED.matcher(cell).find() ? cell.substring(1) : cell;
    }
}
