package dev.scaleplan.runs;

import java.util.List;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/** An export a spreadsheet cannot run as formulas, which uploads again to the same text. */
@IntegrationTest
class CsvFormulaIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void neutralisesFormulaTextOnExportAndRestoresItOnUpload() throws Exception {
        RunsApi api = new RunsApi(mvc, jdbc);
        String source = api.createProject("formula");
        api.uploadJson(source, """
                [{"externalId": "=HYPERLINK(\\"http://x\\")", "parameters": 1e8, "tokens": 2e9, "loss": 2.5,
                  "dataset": "+cmd", "tags": {"a": "-2+3", "b": "@SUM(A1)", "c": "\\tTab", "d": "'=quoted", "e": "plain"},
                  "metrics": {"delta": -0.5}},
                 {"externalId": "cr", "parameters": 2e8, "tokens": 4e9, "loss": 2.4, "dataset": "web",
                  "tags": {"f": "\\rcr"}}]""")
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated());
        String csv = api.exportCsv(source, "").getContentAsString();

        for (String line : csv.lines().skip(1).toList()) {
            for (String cell : line.split(",")) {
                String text = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(text).as("cell %s of %s", cell, line).doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
            }
        }
        assertThat(csv).contains("'=HYPERLINK", "'+cmd", "'-2+3", "'@SUM(A1)", "''=quoted", ",-0.5");

        String copy = api.createProject("formula-copy");
        api.uploadCsv(copy, csv)
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated());
        List<String> original = rows(source);
        assertThat(rows(copy)).isEqualTo(original);
        assertThat(original).anySatisfy(row -> assertThat(row).contains("=HYPERLINK(\"http://x\")", "+cmd", "-2+3"));
    }

    private List<String> rows(String project) {
        return jdbc.sql("SELECT external_id || '|' || coalesce(dataset, '') || '|' || tags::text || '|' || metrics::text "
                        + "FROM run WHERE project_id = :p ORDER BY external_id")
                .param("p", project).query(String.class).list();
    }
}
