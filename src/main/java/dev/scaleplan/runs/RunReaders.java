package dev.scaleplan.runs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;

/** Shared pieces of the JSON and CSV readers: number syntax, the row cap, duplicate keys. */
final class RunReaders {

    /** Plain decimal notation only: no NaN, Infinity, hex floats or Java type suffixes. */
    static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private RunReaders() {
    }

    /** Parses a CSV or JSON-string number; records an error and returns null when it is not one. */
    static Double parseNumber(RunRow row, String field, String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.length() > 64 || !DECIMAL.matcher(trimmed).matches()) {
            row.error(field, "'" + abbreviate(trimmed) + "' is not a number");
            return null;
        }
        return Double.parseDouble(trimmed);
    }

    /** Parses an integer written in decimal notation (512, 512.0, 5.12e2). */
    static Long parseInteger(RunRow row, String field, String text) {
        Double value = parseNumber(row, field, text);
        return value == null ? null : integral(row, field, value);
    }

    static Long integral(RunRow row, String field, double value) {
        if (value != Math.rint(value) || Math.abs(value) > RunLimits.MAX_BATCH_SIZE) {
            row.error(field, "must be an integer between 1 and " + RunLimits.MAX_BATCH_SIZE);
            return null;
        }
        return (long) value;
    }

    /** An expert count: an integer written in decimal notation (8, 8.0, 8e0). */
    static Long experts(RunRow row, String field, Double value) {
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value) || value < 1 || value > RunLimits.MAX_EXPERTS) {
            row.error(field, "must be an integer between 1 and " + RunLimits.MAX_EXPERTS + " (got " + value + ")");
            return null;
        }
        return value.longValue();
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** Rejects the upload when it has more rows than allowed. */
    static void checkRowCount(int rows, int maxRows) {
        if (rows > maxRows) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                    "An upload may hold at most " + maxRows + " runs; split it into several uploads");
        }
    }

    /** Builds the rows into runs, checks that no externalId repeats, and throws every error at once. */
    static List<RunInput> finish(List<RunRow> rows, UploadErrors errors) {
        List<RunInput> runs = new ArrayList<>(rows.size());
        Map<String, Integer> firstRowOfKey = new HashMap<>();
        for (RunRow row : rows) {
            RunInput run = row.build();
            if (run == null) {
                continue;
            }
            if (run.externalId() != null) {
                Integer first = firstRowOfKey.putIfAbsent(run.externalId(), row.row);
                if (first != null) {
                    row.error("externalId", "'" + abbreviate(run.externalId()) + "' is also used by row " + first);
                    continue;
                }
            }
            runs.add(run);
        }
        if (rows.isEmpty()) {
            throw ApiException.invalid("The upload contains no runs", List.of());
        }
        errors.throwIfAny(rows.size());
        return runs;
    }
}
