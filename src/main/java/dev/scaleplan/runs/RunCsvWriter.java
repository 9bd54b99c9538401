package dev.scaleplan.runs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes runs as CSV with the upload's column names, so an export can be uploaded again. Text cells are
 * quoted and numbers are not; an absent value is an empty unquoted cell and an empty text is {@code ""},
 * as in PostgreSQL's CSV format, so that a tag with an empty value and a missing tag stay apart
 * ({@link CsvRunReader} reads them back the same way). User text that a spreadsheet would take for a
 * formula is neutralised ({@link CsvFormulas}).
 */
final class RunCsvWriter implements AutoCloseable {

    private final CSVPrinter printer;
    private final List<String> tagKeys;
    private final List<String> metricKeys;

    RunCsvWriter(OutputStream out, List<String> tagKeys, List<String> metricKeys) {
        this.tagKeys = tagKeys;
        this.metricKeys = metricKeys;
        List<String> header = new ArrayList<>();
        RunColumn.EXPORTED.forEach(column -> header.add(column.field));
        tagKeys.forEach(key -> header.add(CsvRunReader.TAG_PREFIX + key));
        metricKeys.forEach(key -> header.add(CsvRunReader.METRIC_PREFIX + key));
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVFormat.RFC4180.printRecord(writer, header.toArray());
            printer = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.NON_NUMERIC).get().print(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Run run) {
        List<Object> cells = new ArrayList<>();
        for (RunColumn column : RunColumn.EXPORTED) {
            Object value = column.valueOf(run);
            cells.add(value instanceof String text ? CsvFormulas.neutralise(text)
                    : value instanceof Instant time ? time.toString() : value);
        }
        tagKeys.forEach(key -> cells.add(CsvFormulas.neutralise(run.tags().get(key))));
        metricKeys.forEach(key -> cells.add(run.metrics().get(key)));
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
