package dev.scaleplan.runs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
        header.add("id");
        header.addAll(CsvRunReader.COLUMNS);
        header.add("createdAt");
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
        List<Object> cells = new ArrayList<>(List.of(run.id()));
        cells.add(CsvFormulas.neutralise(run.externalId()));
        cells.add(run.parameters());
        cells.add(run.tokens());
        cells.add(run.loss());
        cells.add(run.flops());
        cells.add(run.activeParameters());
        cells.add(run.uniqueTokens());
        cells.add(CsvFormulas.neutralise(run.dataset()));
        cells.add(run.learningRate());
        cells.add(run.batchSize());
        cells.add(run.experts());
        cells.add(run.totalParameters());
        cells.add(run.createdAt().toString());
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
