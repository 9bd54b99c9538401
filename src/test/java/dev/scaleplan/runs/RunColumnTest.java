package dev.scaleplan.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The run's column list drives the SQL and CSV shapes; these pin what stored data and exports rely on. */
class RunColumnTest {

    @Test
    void theCsvExportKeepsItsColumnOrder() {
        assertThat(RunColumn.EXPORTED.stream().map(column -> column.field)).containsExactly("id", "externalId",
                "parameters", "tokens", "loss", "flops", "activeParameters", "uniqueTokens", "dataset", "learningRate",
                "batchSize", "experts", "totalParameters", "createdAt", "embeddingParameters", "layers", "contextLength",
                "width");
        assertThat(RunColumn.CSV_FIELDS).containsExactlyElementsOf(RunColumn.EXPORTED.stream()
                .map(column -> column.field).filter(field -> !field.equals("id") && !field.equals("createdAt")).toList());
    }

    @Test
    void everyUploadedColumnExceptTheKeyIsPartOfTheStoredContentHash() {
        assertThat(RunColumn.names(RunColumn.STAGED)).isEqualTo("external_id, parameters, tokens, loss, flops, "
                + "active_parameters, unique_tokens, dataset, learning_rate, batch_size, experts, total_parameters, "
                + "embedding_parameters, layers, context_length, width, tags, metrics, flops_given");
        // The shape columns came after V25's hash: a run without them keeps the identity it had.
        assertThat(RunColumn.contentHash()).startsWith("CASE WHEN embedding_parameters IS NULL AND layers IS NULL AND "
                + "context_length IS NULL AND width IS NULL THEN run_content_hash(")
                .endsWith("|| '|' || coalesce(width::text, '-')) END");
    }

    @Test
    void aColumnAddedLaterChangesTheHashOnlyOfRunsThatSetIt() {
        String hash = RunColumn.contentHash(List.of(RunColumn.DATASET));

        assertThat(hash).startsWith("CASE WHEN dataset IS NULL THEN run_content_hash(")
                .contains("ELSE md5(run_content_hash(").endsWith("|| '|' || coalesce(dataset::text, '-')) END");
    }
}
