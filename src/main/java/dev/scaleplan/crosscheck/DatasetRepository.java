package dev.scaleplan.crosscheck;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The datasets a project's runs name, with their run counts. */
@Repository
class DatasetRepository {

    /** A dataset and how many runs it has. */
    record DatasetRuns(String dataset, long runs) {
    }

    private final JdbcClient jdbc;

    DatasetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Named datasets, most runs first, then by name. */
    List<DatasetRuns> datasets(String projectId) {
        return jdbc.sql("""
                        SELECT dataset, count(*) FROM run WHERE project_id = :projectId AND dataset IS NOT NULL
                        GROUP BY dataset ORDER BY count(*) DESC, dataset""")
                .param("projectId", projectId).query((rs, row) -> new DatasetRuns(rs.getString(1), rs.getLong(2)))
                .list();
    }

    long runsWithoutDataset(String projectId) {
        return jdbc.sql("SELECT count(*) FROM run WHERE project_id = :projectId AND dataset IS NULL")
                .param("projectId", projectId).query(Long.class).single();
    }
}
