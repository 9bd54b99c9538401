package dev.scaleplan.runs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes runs as CSV with the upload's column names, so an export can be uploaded again. */
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
            printer = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get()
                    .print(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Run run) {
        List<Object> cells = new ArrayList<>(List.of(run.id(), nullToEmpty(run.externalId()), run.parameters(),
                run.tokens(), run.loss(), run.flops()));
        cells.add(nullToEmpty(run.activeParameters()));
        cells.add(nullToEmpty(run.uniqueTokens()));
        cells.add(nullToEmpty(run.dataset()));
        cells.add(nullToEmpty(run.learningRate()));
        cells.add(nullToEmpty(run.batchSize()));
        cells.add(run.experts());
        cells.add(run.totalParameters());
        cells.add(run.createdAt().toString());
        tagKeys.forEach(key -> cells.add(nullToEmpty(run.tags().get(key))));
        metricKeys.forEach(key -> cells.add(nullToEmpty(run.metrics().get(key))));
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object nullToEmpty(Object value) {
        return value == null ? "" : value;
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
