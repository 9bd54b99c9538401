package dev.scaleplan.runs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.scaleplan.web.ProblemError;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** SQL for runs. Uploads go through a temporary staging table filled with COPY. */
@Repository
public class RunRepository {

    private static final String COLUMNS = RunColumn.names(RunColumn.SELECTED);
    private static final String STAGED = RunColumn.names(RunColumn.STAGED);
    private static final String SAME = RunColumn.STAGED.stream().map(RunColumn::sameAs).filter(Objects::nonNull)
            .collect(Collectors.joining(" AND "));
    private static final String FILTER = """
             WHERE project_id = :projectId
               AND (CAST(:dataset AS text) IS NULL OR dataset = :dataset)
               AND tags @> CAST(:tags AS jsonb)
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;

    RunRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    /** A stored run whose externalId is reused in an upload with different values. */
    record Conflict(int row, String externalId, long runId) {
        ProblemError asError() {
            return ProblemError.row(row, "externalId", "run " + runId + " is stored under '" + externalId
                    + "' with different values");
        }
    }

    /**
     * Stages the upload; call {@link #conflicts}, then {@link #insertStaged}, in the same transaction. The staging
     * table leaves half of each page free, so that the updates that follow (ids, matches, content hashes) stay on
     * their row's page and touch no index (HOT updates; a third of the time of the ids' update, BENCHMARKS.md).
     */
    void stage(List<RunInput> runs, double flopsPerToken) {
        jdbc.sql("CREATE TEMPORARY TABLE run_upload (ord int PRIMARY KEY, "
                + RunColumn.STAGED.stream().map(RunColumn::definition).collect(Collectors.joining(", "))
                + ", run_id bigint, existing boolean NOT NULL DEFAULT false, same boolean NOT NULL DEFAULT true,"
                + " content_hash text) WITH (fillfactor = 50) ON COMMIT DROP").update();
        String copy = "COPY run_upload (ord, " + RunColumn.names(RunColumn.STAGED) + ") FROM STDIN (FORMAT csv)";
        jdbcTemplate.execute((java.sql.Connection connection) -> {
            RunCopy.write(connection.unwrap(PGConnection.class), copy, runs, flopsPerToken, json);
            return null;
        });
        jdbc.sql("UPDATE run_upload SET content_hash = " + RunColumn.contentHash() + " WHERE external_id IS NULL")
                .update();
    }

    /**
     * Marks staged runs whose externalId is already stored and returns those whose values differ. Flops
     * match when equal, or when neither the stored nor the staged run gave them (derived with whatever
     * flopsPerToken applied at the time).
     */
    List<Conflict> conflicts(String projectId) {
        jdbc.sql("UPDATE run_upload s SET run_id = r.id, existing = true, same = " + SAME
                        + " FROM run r WHERE r.project_id = :projectId AND r.external_id = s.external_id")
                .param("projectId", projectId).update();
        markSameContent(projectId);
        return jdbc.sql("""
                        SELECT ord, external_id, run_id FROM run_upload WHERE existing AND NOT same
                        ORDER BY ord LIMIT 100""")
                .query((rs, n) -> new Conflict(rs.getInt("ord"), rs.getString("external_id"), rs.getLong("run_id")))
                .list();
    }

    /**
     * Runs without externalId are identified by their content: one already stored, or an earlier row of the same
     * upload, makes this row that run. An earlier row's run id is filled in by {@link #insertStaged}.
     */
    private void markSameContent(String projectId) {
        jdbc.sql("""
                UPDATE run_upload s SET run_id = r.id, existing = true
                FROM run r
                WHERE r.project_id = :projectId AND r.content_hash = s.content_hash""")
                .param("projectId", projectId).update();
        jdbc.sql("""
                UPDATE run_upload s SET existing = true
                FROM (SELECT ord, row_number() OVER (PARTITION BY content_hash ORDER BY ord) AS copy
                      FROM run_upload WHERE content_hash IS NOT NULL) f
                WHERE s.ord = f.ord AND f.copy > 1 AND NOT s.existing""").update();
    }

    /**
     * Inserts the new staged runs, numbered in upload order (drawn after sorting by row: the staging table's physical
     * order is not the upload's once a row was updated); returns every staged run's id in upload order. The sequence
     * is looked up once (an init plan): {@code nextval} of its name as text resolved it for every row (0.5 s).
     */
    List<Long> insertStaged(String projectId) {
        jdbc.sql("""
                UPDATE run_upload s SET run_id = n.run_id
                FROM (SELECT ord, nextval((SELECT CAST(pg_get_serial_sequence('run', 'id') AS regclass))) AS run_id
                      FROM run_upload WHERE NOT existing ORDER BY ord) n
                WHERE s.ord = n.ord""").update();
        jdbc.sql("""
                UPDATE run_upload s SET run_id = f.run_id
                FROM (SELECT DISTINCT ON (content_hash) content_hash, run_id FROM run_upload
                      WHERE content_hash IS NOT NULL ORDER BY content_hash, ord) f
                WHERE s.run_id IS NULL AND s.content_hash = f.content_hash""").update();
        jdbc.sql("INSERT INTO run (id, project_id, " + STAGED + ", content_hash) OVERRIDING SYSTEM VALUE"
                        + " SELECT run_id, :projectId, " + STAGED + ", content_hash FROM run_upload WHERE NOT existing"
                        + " ORDER BY ord")
                .param("projectId", projectId).update();
        return jdbc.sql("SELECT run_id FROM run_upload ORDER BY ord").query(Long.class).list();
    }

    int countExistingStaged() {
        return jdbc.sql("SELECT count(*) FROM run_upload WHERE existing").query(Integer.class).single();
    }

    /** Runs per project, for the given projects. */
    Map<String, Long> countsByProject(Collection<String> projectIds) {
        if (projectIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT project_id, count(*) FROM run WHERE project_id IN (:ids) GROUP BY project_id")
                .param("ids", projectIds).query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** Named datasets with their run counts, most runs first, then by name. */
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

    Optional<Run> find(String projectId, long runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM run WHERE project_id = :projectId AND id = :id")
                .param("projectId", projectId).param("id", runId).query(this::map).optional();
    }

    List<Run> page(String projectId, RunFilter filter, long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM run" + FILTER + " ORDER BY id LIMIT :limit OFFSET :offset")
                .params(filterParams(projectId, filter)).param("limit", limit).param("offset", offset)
                .query(this::map).list();
    }

    /** Number of matching runs. */
    public long count(String projectId, RunFilter filter) {
        return jdbc.sql("SELECT count(*) FROM run" + FILTER).params(filterParams(projectId, filter))
                .query(Long.class).single();
    }

    /** The highest run id of the project (0 when it has none): the end of an export's snapshot. */
    long lastId(String projectId) {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM run WHERE project_id = :projectId")
                .param("projectId", projectId).query(Long.class).single();
    }

    /** Matching runs with {@code after < id ≤ upTo}, in id order: one page of an export (keyset paging). */
    List<Run> pageAfter(String projectId, RunFilter filter, long after, long upTo, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM run" + FILTER + " AND id > :after AND id <= :upTo ORDER BY id LIMIT :limit")
                .params(filterParams(projectId, filter)).param("after", after).param("upTo", upTo).param("limit", limit)
                .query(this::map).list();
    }

    /** Tag and metric names used by matching runs up to a run id, sorted, for the CSV export header. */
    List<String> keys(String projectId, RunFilter filter, String column, long upTo) {
        String sql = "SELECT DISTINCT k FROM run, jsonb_object_keys(" + ("tags".equals(column) ? "tags" : "metrics")
                + ") AS k" + FILTER + " AND id <= :upTo ORDER BY k";
        return jdbc.sql(sql).params(filterParams(projectId, filter)).param("upTo", upTo).query(String.class).list();
    }

    /**
     * N, D, C, loss, experts, total parameters and unique tokens (D when not given) of every matching run, in id
     * order, as parallel arrays for fitting, with what the counting conventions need ({@link RunPoints}).
     */
    public RunPoints points(String projectId, RunFilter filter) {
        return points(projectId, filter, RunQuantity.LOSS);
    }

    /** As {@link #points(String, RunFilter)} with {@code quantity} in place of the loss, of the runs that carry it. */
    public RunPoints points(String projectId, RunFilter filter, RunQuantity quantity) {
        List<double[]> rows = jdbc.sql("SELECT parameters, tokens, flops, " + quantity.sql("q") + ", experts,"
                        + " total_parameters, COALESCE(unique_tokens, tokens), id, CASE WHEN flops_given THEN flops END,"
                        + " 6 * layers::double precision * context_length * width, embedding_parameters"
                        + " FROM run" + FILTER + quantity.presentSql("q") + " ORDER BY id")
                .params(filterParams(projectId, filter)).params(quantity.params("q"))
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getLong(8), orNaN(rs, 9), orNaN(rs, 10),
                        orNaN(rs, 11)})
                .list();
        return RunPoints.of(rows);
    }

    /** Every metric name the project's runs carry, sorted. */
    public List<String> metricNames(String projectId) {
        return keys(projectId, RunFilter.ALL, "metrics", Long.MAX_VALUE);
    }

    /** Loss and the value of {@code metric} of every matching run that carries it, in id order. */
    public MetricPoints metricPoints(String projectId, RunFilter filter, String metric) {
        return metricPoints(projectId, filter, RunQuantity.LOSS, RunQuantity.metric(metric));
    }

    /** The predictor {@code from} and {@code metric} of every matching run that carries both, in id order. */
    public MetricPoints metricPoints(String projectId, RunFilter filter, RunQuantity from, RunQuantity metric) {
        List<double[]> rows = jdbc.sql("SELECT " + from.sql("f") + ", " + metric.sql("m") + " FROM run" + FILTER
                        + from.presentSql("f") + metric.presentSql("m") + " ORDER BY id")
                .params(filterParams(projectId, filter)).params(from.params("f")).params(metric.params("m"))
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).list();
        double[] loss = rows.stream().mapToDouble(row -> row[0]).toArray();
        double[] values = rows.stream().mapToDouble(row -> row[1]).toArray();
        return new MetricPoints(loss, values);
    }

    /**
     * Runs matching {@code filter} whose flops lie more than {@code factor}× from {@code flopsPerToken·N·D}
     * either way: the total, and the first {@code limit} by id.
     */
    FlopsMismatches flopsMismatches(String projectId, RunFilter filter, double flopsPerToken, double factor, int limit) {
        Map<String, Object> params = filterParams(projectId, filter);
        params.put("k", flopsPerToken);
        params.put("factor", factor);
        params.put("limit", limit);
        String mismatch = " AND (flops > :factor * :k * parameters * tokens OR flops * :factor < :k * parameters * tokens)";
        long total = jdbc.sql("SELECT count(*) FROM run" + FILTER + mismatch).params(params).query(Long.class).single();
        List<FlopsMismatches.Run> first = total == 0 ? List.of() : jdbc.sql(
                        "SELECT id, external_id, flops / (:k * parameters * tokens) FROM run" + FILTER + mismatch
                                + " ORDER BY id LIMIT :limit")
                .params(params)
                .query((rs, n) -> new FlopsMismatches.Run(rs.getLong(1), rs.getString(2), rs.getDouble(3))).list();
        return new FlopsMismatches(total, first);
    }

    /**
     * Ids, N, D, C, loss, the value of tag {@code tag} (null if absent) and unique tokens (D when not given) of
     * every matching run, in id order.
     */
    public TaggedPoints taggedPoints(String projectId, RunFilter filter, String tag) {
        return taggedPoints(projectId, filter, tag, RunQuantity.LOSS);
    }

    /** As {@link #taggedPoints(String, RunFilter, String)} with {@code quantity} in place of the loss. */
    public TaggedPoints taggedPoints(String projectId, RunFilter filter, String tag, RunQuantity quantity) {
        List<Object[]> rows = jdbc.sql("SELECT id, parameters, tokens, flops, " + quantity.sql("q")
                        + ", experts, tags ->> :tag, COALESCE(unique_tokens, tokens) FROM run" + FILTER
                        + quantity.presentSql("q") + " ORDER BY id")
                .params(filterParams(projectId, filter)).params(quantity.params("q")).param("tag", tag)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), (double) rs.getLong(6), rs.getString(7), rs.getDouble(8)})
                .list();
        return TaggedPoints.of(rows);
    }

    boolean delete(String projectId, long runId) {
        return jdbc.sql("DELETE FROM run WHERE project_id = :projectId AND id = :id")
                .param("projectId", projectId).param("id", runId).update() == 1;
    }

    private static double orNaN(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : value;
    }

    private Map<String, Object> filterParams(String projectId, RunFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("projectId", projectId);
        params.put("dataset", filter.dataset());
        params.put("tags", json.writeValueAsString(filter.tags()));
        return params;
    }

    private Run map(ResultSet rs, int row) throws SQLException {
        return RunColumn.read(rs, json);
    }
}
