package dev.scaleplan.runs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemError;
import dev.scaleplan.web.ProblemType;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Reads CSV runs with a header row. Columns carry the JSON field names; {@code tag.NAME} and
 * {@code metric.NAME} columns fill tags and metrics. An empty unquoted cell means absent; a quoted
 * empty cell {@code ""} is an empty text, which matters for tags: {@code tag.note} with {@code ""} is
 * the tag {@code note} with an empty value (PostgreSQL's CSV convention, and what the export writes). The
 * {@code id} and {@code createdAt} columns of an export are ignored, so an export can be
 * uploaded again. Text cells that an export neutralised against formula injection
 * ({@link CsvFormulas}) are restored.
 */
final class CsvRunReader {

    static final List<String> COLUMNS = RunColumn.CSV_FIELDS;
    private static final Set<String> IGNORED = Set.of("id", "createdAt");
    static final String TAG_PREFIX = "tag.";
    static final String METRIC_PREFIX = "metric.";

    /** A strict quote mode makes the parser return null for an unquoted empty cell and "" for a quoted one. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    List<RunInput> read(InputStream body, int maxRows) {
        Reader reader = new RecordLimitingReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                RunLimits.MAX_RECORD_CHARS);
        RunReaders.Batch batch = new RunReaders.Batch(maxRows);
        try (CSVParser parser = FORMAT.parse(reader)) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw ApiException.invalid("The CSV body is empty; it needs a header row and at least one run", List.of());
            }
            List<String> header = checkHeader(records.next());
            long cells = header.size();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                cells += record.size();
                if (cells > RunLimits.MAX_CELLS) {
                    throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "An upload may hold at most "
                            + RunLimits.MAX_CELLS + " CSV cells (rows × columns); split it");
                }
                RunRow row = batch.next();
                if (record.size() != header.size()) {
                    row.reject("has " + record.size() + " fields but the header has " + header.size());
                } else {
                    for (int i = 0; i < header.size(); i++) {
                        fill(row, header.get(i), record.get(i));
                    }
                }
                batch.add(row);
            }
        } catch (RecordLimitingReader.RecordTooLongException e) {
            throw ApiException.invalid("CSV row " + batch.rows() + " (counting the header as row 0) is longer than "
                    + RunLimits.MAX_RECORD_CHARS + " characters; nothing was stored", List.of());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            if (e.getCause() instanceof RecordLimitingReader.RecordTooLongException) {
                throw ApiException.invalid("CSV row " + batch.rows() + " (counting the header as row 0) is longer than "
                        + RunLimits.MAX_RECORD_CHARS + " characters; nothing was stored", List.of());
            }
            throw new ApiException(ProblemType.MALFORMED_BODY,
                    "The CSV body could not be read after row " + batch.rows() + ": " + why(e));
        }
        return batch.finish();
    }

    /** Why the CSV parser stopped, in words: its own message (it names the line), never a Java class name. */
    private static String why(Exception e) {
        Throwable cause = e.getCause() instanceof IOException io ? io : e; // the parser's, unwrapped
        if (cause instanceof CharacterCodingException) {
            return "the body is not valid UTF-8";
        }
        String message = String.valueOf(cause.getMessage());
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    private static List<String> checkHeader(CSVRecord record) {
        List<String> header = new ArrayList<>();
        List<ProblemError> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (record.size() > RunLimits.MAX_COLUMNS) {
            throw ApiException.invalid("The CSV header has " + record.size() + " columns; at most "
                    + RunLimits.MAX_COLUMNS + " are allowed (each run holds at most " + RunLimits.MAX_ENTRIES
                    + " tags and " + RunLimits.MAX_METRICS + " metrics); nothing was stored", List.of());
        }
        for (String raw : record) {
            String column = raw == null ? "" : raw.strip().replace("\uFEFF", "");
            boolean known = COLUMNS.contains(column) || IGNORED.contains(column)
                    || (column.startsWith(TAG_PREFIX) && column.length() > TAG_PREFIX.length())
                    || (column.startsWith(METRIC_PREFIX) && column.length() > METRIC_PREFIX.length());
            if (!known) {
                problems.add(ProblemError.row(0, RunReaders.abbreviate(column), "unknown column; expected one of "
                        + COLUMNS + " or tag.NAME / metric.NAME"));
            } else if (!seen.add(column)) {
                problems.add(ProblemError.row(0, column, "column appears twice"));
            }
            header.add(column);
        }
        for (String required : List.of("parameters", "tokens", "loss")) {
            if (!seen.contains(required)) {
                problems.add(ProblemError.row(0, required, "required column is missing"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid("The CSV header row is invalid; nothing was stored", problems);
        }
        return header;
    }

    /** Fills one cell; {@code cell} is null for an empty unquoted cell. */
    private static void fill(RunRow row, String column, String quotedOrNull) {
        String cell = quotedOrNull == null ? "" : quotedOrNull;
        switch (column) {
            case "externalId" -> row.externalId = CsvFormulas.restore(cell);
            case "dataset" -> row.dataset = CsvFormulas.restore(cell);
            case "parameters" -> row.parameters = RunReaders.parseNumber(row, column, cell);
            case "tokens" -> row.tokens = RunReaders.parseNumber(row, column, cell);
            case "loss" -> row.loss = RunReaders.parseNumber(row, column, cell);
            case "flops" -> row.flops = RunReaders.parseNumber(row, column, cell);
            case "activeParameters" -> row.activeParameters = RunReaders.parseNumber(row, column, cell);
            case "uniqueTokens" -> row.uniqueTokens = RunReaders.parseNumber(row, column, cell);
            case "experts" -> row.experts = RunReaders.experts(row, column, RunReaders.parseNumber(row, column, cell));
            case "totalParameters" -> row.totalParameters = RunReaders.parseNumber(row, column, cell);
            case "embeddingParameters" -> row.embeddingParameters = RunReaders.parseNumber(row, column, cell);
            case "layers" -> row.layers = RunReaders.shapeCount(row, column, RunReaders.parseNumber(row, column, cell));
            case "contextLength" -> row.contextLength = RunReaders.shapeCount(row, column,
                    RunReaders.parseNumber(row, column, cell));
            case "width" -> row.width = RunReaders.shapeCount(row, column, RunReaders.parseNumber(row, column, cell));
            case "learningRate" -> row.learningRate = RunReaders.parseNumber(row, column, cell);
            case "batchSize" -> row.batchSize = RunReaders.parseInteger(row, column, cell);
            default -> {
                if (column.startsWith(TAG_PREFIX) && quotedOrNull != null) {
                    row.tag(column.substring(TAG_PREFIX.length()), CsvFormulas.restore(cell));
                } else if (column.startsWith(METRIC_PREFIX)) {
                    Double value = RunReaders.parseNumber(row, column, cell);
                    if (value != null) {
                        row.metric(column.substring(METRIC_PREFIX.length()), value);
                    }
                }
            }
        }
    }
}
