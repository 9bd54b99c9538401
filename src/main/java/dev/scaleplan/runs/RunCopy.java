package dev.scaleplan.runs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import tools.jackson.databind.json.JsonMapper;

/** An upload's runs streamed into PostgreSQL's COPY as CSV, one row per run in {@link RunColumn#STAGED} order. */
final class RunCopy {

    private static final int BUFFER = 1 << 16;

    private RunCopy() {
    }

    /** Writes {@code runs}, numbered from 1, to {@code copy} ({@code COPY … FROM STDIN (FORMAT csv)}). */
    static void write(PGConnection pg, String copy, List<RunInput> runs, double flopsPerToken, JsonMapper json)
            throws SQLException {
        try (CSVPrinter out = CSVFormat.POSTGRESQL_CSV.print(new BufferedWriter(new OutputStreamWriter(
                new PGCopyOutputStream(pg, copy, BUFFER), StandardCharsets.UTF_8), BUFFER))) {
            for (int i = 0; i < runs.size(); i++) {
                out.print(i + 1);
                for (RunColumn column : RunColumn.STAGED) {
                    Object value = column.staged(runs.get(i), flopsPerToken);
                    out.print(value instanceof Map<?, ?> map ? json.writeValueAsString(map) : value);
                }
                out.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
