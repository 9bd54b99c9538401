package dev.scaleplan.runs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
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

/**
 * Reads CSV runs with a header row. Columns carry the JSON field names; {@code tag.NAME} and
 * {@code metric.NAME} columns fill tags and metrics; an empty cell means absent. The
 * {@code id} and {@code createdAt} columns of an export are ignored, so an export can be
 * uploaded again.
 */
final class CsvRunReader {

    static final List<String> COLUMNS = List.of("externalId", "parameters", "tokens", "loss", "flops",
            "activeParameters", "uniqueTokens", "dataset", "learningRate", "batchSize", "experts", "totalParameters");
    private static final Set<String> IGNORED = Set.of("id", "createdAt");
    static final String TAG_PREFIX = "tag.";
    static final String METRIC_PREFIX = "metric.";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    List<RunInput> read(InputStream body, int maxRows) {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        UploadErrors errors = new UploadErrors();
        List<RunRow> rows = new ArrayList<>();
        try (CSVParser parser = FORMAT.parse(reader)) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw ApiException.invalid("The CSV body is empty; it needs a header row and at least one run", List.of());
            }
            List<String> header = checkHeader(records.next());
            while (records.hasNext()) {
                CSVRecord record = records.next();
                RunRow row = new RunRow(rows.size() + 1, errors);
                rows.add(row);
                RunReaders.checkRowCount(rows.size(), maxRows);
                if (record.size() != header.size()) {
                    row.reject("has " + record.size() + " fields but the header has " + header.size());
                    continue;
                }
                for (int i = 0; i < header.size(); i++) {
                    fill(row, header.get(i), record.get(i));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new ApiException(ProblemType.MALFORMED_BODY,
                    "The CSV body could not be read after row " + rows.size() + ": " + RunReaders.abbreviate(
                            String.valueOf(e.getMessage())));
        }
        return RunReaders.finish(rows, errors);
    }

    private static List<String> checkHeader(CSVRecord record) {
        List<String> header = new ArrayList<>();
        List<ProblemError> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : record) {
            String column = raw.strip().replace("\uFEFF", "");
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

    private static void fill(RunRow row, String column, String cell) {
        switch (column) {
            case "externalId" -> row.externalId = cell;
            case "dataset" -> row.dataset = cell;
            case "parameters" -> row.parameters = RunReaders.parseNumber(row, column, cell);
            case "tokens" -> row.tokens = RunReaders.parseNumber(row, column, cell);
            case "loss" -> row.loss = RunReaders.parseNumber(row, column, cell);
            case "flops" -> row.flops = RunReaders.parseNumber(row, column, cell);
            case "activeParameters" -> row.activeParameters = RunReaders.parseNumber(row, column, cell);
            case "uniqueTokens" -> row.uniqueTokens = RunReaders.parseNumber(row, column, cell);
            case "experts" -> row.experts = RunReaders.experts(row, column, RunReaders.parseNumber(row, column, cell));
            case "totalParameters" -> row.totalParameters = RunReaders.parseNumber(row, column, cell);
            case "learningRate" -> row.learningRate = RunReaders.parseNumber(row, column, cell);
            case "batchSize" -> row.batchSize = RunReaders.parseInteger(row, column, cell);
            default -> {
                if (column.startsWith(TAG_PREFIX) && !cell.isEmpty()) {
                    row.tag(column.substring(TAG_PREFIX.length()), cell);
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
