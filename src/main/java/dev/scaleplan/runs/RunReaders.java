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

    /** A count of the model's shape (layers, context length, width): an integer from 1 to {@value RunLimits#MAX_SHAPE_COUNT}. */
    static Long shapeCount(RunRow row, String field, Double value) {
        return count(row, field, value, RunLimits.MAX_SHAPE_COUNT);
    }

    /** An expert count: an integer written in decimal notation (8, 8.0, 8e0). */
    static Long experts(RunRow row, String field, Double value) {
        return count(row, field, value, RunLimits.MAX_EXPERTS);
    }

    private static Long count(RunRow row, String field, Double value, long max) {
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value) || value < 1 || value > max) {
            row.error(field, "must be an integer between 1 and " + max + " (got " + value + ")");
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

    /**
     * The runs of one upload, built and checked as each row is read, so only valid runs are kept:
     * rows, tag and metric entries are bounded as they arrive; a repeated externalId is an error.
     */
    static final class Batch {

        private final int maxRows;
        private final UploadErrors errors = new UploadErrors();
        private final List<RunInput> runs = new ArrayList<>();
        private final Map<String, Integer> firstRowOfKey = new HashMap<>();
        private int rows;
        private long entries;

        Batch(int maxRows) {
            this.maxRows = maxRows;
        }

        /** A new row, numbered from 1; a 413 when the upload holds too many. */
        RunRow next() {
            rows++;
            checkRowCount(rows, maxRows);
            return new RunRow(rows, errors);
        }

        int rows() {
            return rows;
        }

        /** Validates a filled row and keeps its run when it is valid. */
        void add(RunRow row) {
            entries += row.entries();
            if (entries > RunLimits.MAX_ENTRIES_PER_UPLOAD) {
                throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "An upload may hold at most "
                        + RunLimits.MAX_ENTRIES_PER_UPLOAD + " tag and metric entries in all; split it");
            }
            RunInput run = row.build();
            if (run == null) {
                return;
            }
            if (run.externalId() != null) {
                Integer first = firstRowOfKey.putIfAbsent(run.externalId(), row.row);
                if (first != null) {
                    row.error("externalId", "'" + abbreviate(run.externalId()) + "' is also used by row " + first);
                    return;
                }
            }
            if (errors.isEmpty()) {
                runs.add(run);
            }
        }

        /** Every run, or a 400 listing every row's errors. */
        List<RunInput> finish() {
            if (rows == 0) {
                throw ApiException.invalid("The upload contains no runs", List.of());
            }
            errors.throwIfAny(rows);
            return runs;
        }
    }
}
