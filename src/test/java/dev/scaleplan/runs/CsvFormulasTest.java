package dev.scaleplan.runs;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvFormulasTest {

    @Test
    void neutralisesEveryFormulaStartAndRestoresExactlyTheOriginal() {
        List<String> values = List.of("=1+1", "+1", "-1", "@x", "\tx", "\rx", "'=x", "''+x", "'plain", "plain", "", "a=b",
                "'", "''", "-", "=");
        for (String value : values) {
            String exported = CsvFormulas.neutralise(value);
            assertThat(exported).as(value).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                    .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
            assertThat(CsvFormulas.restore(exported)).as(value).isEqualTo(value);
        }
        assertThat(CsvFormulas.neutralise("plain")).isEqualTo("plain");
        assertThat(CsvFormulas.restore("'plain")).as("an apostrophe the export did not add stays").isEqualTo("'plain");
    }
}
