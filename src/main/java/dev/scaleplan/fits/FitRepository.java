package dev.scaleplan.fits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.scaleplan.fitting.DownstreamFit;
import dev.scaleplan.web.ApiException;
import org.springframework.dao.DataIntegrityViolationException;
import dev.scaleplan.fitting.IsoFlopAnalysis;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import dev.scaleplan.projects.ProjectFits;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for fits: the request and a {@link FitDocument} are kept as JSON. Single fits for predictions and
 * plans are read whole; answers about fits (get, latest, lists) read a projection without the draws
 * and residuals, which are nearly all of a row's bytes. The three kinds of {@link StoredFit} share the
 * table and its id sequence; the {@code form} column says which document {@code result} holds.
 */
@Repository
class FitRepository implements ProjectFits {

    /** The columns of a whole fit. */
    static final String WHOLE = "id, project_id, data_revision, duration_ms, request::text, result::text, created_at, form";

    /**
     * A stored document without its bulk (draws and residuals), cut out by PostgreSQL before it is sent; an
     * IsoFLOP analysis is small (one parabola per budget per draw) and its response needs its draws, and a
     * downstream fit (three parameters per draw) needs its draws to be read at all.
     */
    static final String SUMMARY_DOCUMENT = "(CASE WHEN form IN ('" + FitForms.ISOFLOP + "', '" + FitForms.DOWNSTREAM
            + "') THEN result ELSE result - 'draws' - 'residuals' END)::text";

    /** The columns of a summary: the document without its bulk, cut out by PostgreSQL before it is sent. */
    static final String SUMMARY = "id, project_id, data_revision, duration_ms, request::text, " + SUMMARY_DOCUMENT
            + ", created_at, form";

    private final JdbcClient jdbc;
    /**
     * Stored documents are read leniently whatever the web layer's JSON settings: a field a later version
     * adds is ignored by an older reader, and a field it lacks is null.
     */
    private final JsonMapper json;

    FitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    }

    /**
     * Stores a fit of any kind; a 404 when its project was deleted meanwhile (the foreign key), never a
     * database error.
     */
    StoredFit insert(StoredFit fit) {
        try {
            return jdbc.sql("""
                            INSERT INTO fit (project_id, form, data_revision, objective, runs_used, duration_ms, request, result)
                            VALUES (:projectId, :form, :revision, :objective, :runsUsed, :duration,
                                    CAST(:request AS jsonb), CAST(:result AS jsonb))
                            RETURNING id, created_at""")
                    .param("projectId", fit.projectId()).param("form", fit.form()).param("revision", fit.dataRevision())
                    .param("objective", fit.objective()).param("runsUsed", fit.runsUsed())
                    .param("duration", fit.durationMs()).param("request", json.writeValueAsString(fit.request()))
                    .param("result", json.writeValueAsString(fit.result()))
                    .query((rs, row) -> fit.saved(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                    .single();
        } catch (DataIntegrityViolationException e) {
            throw ApiException.notFound("Project", fit.projectId());
        }
    }

    /** The project's latest downstream fit of this metric, whole, with its bookkeeping. */
    Optional<StoredFit.Downstream> latestDownstreamFit(String projectId, String metric) {
        return jdbc.sql("SELECT " + WHOLE + " FROM fit WHERE project_id = :projectId AND form = :form "
                        + "AND request ->> 'metric' = :metric ORDER BY id DESC LIMIT 1")
                .param("projectId", projectId).param("form", FitForms.DOWNSTREAM).param("metric", metric)
                .query(this::map).optional().map(StoredFit.Downstream.class::cast);
    }

    /** The id of the project's latest law fit (any law form) of {@code target}, if any. */
    Optional<Long> latestTargetFitId(String projectId, String target) {
        return jdbc.sql("SELECT id FROM fit WHERE project_id = :projectId AND form NOT IN (:isoflop, :downstream) "
                        + "AND request ->> 'target' = :target ORDER BY id DESC LIMIT 1")
                .param("projectId", projectId).param("isoflop", FitForms.ISOFLOP)
                .param("downstream", FitForms.DOWNSTREAM).param("target", target).query(Long.class).optional();
    }

    /** The whole fit, with draws and residuals. */
    Optional<StoredFit> find(String projectId, long fitId) {
        return jdbc.sql("SELECT " + WHOLE + " FROM fit WHERE project_id = :projectId AND id = :id")
                .param("projectId", projectId).param("id", fitId).query(this::map).optional();
    }

    /** The fit without draws and residuals. */
    Optional<StoredFit> findSummary(String projectId, long fitId) {
        return jdbc.sql("SELECT " + SUMMARY + " FROM fit WHERE project_id = :projectId AND id = :id")
                .param("projectId", projectId).param("id", fitId).query(this::map).optional();
    }

    /**
     * Whether the fit is stored in the project. Fits are never deleted but with their project (ON DELETE
     * CASCADE): {@link FitLookup} relies on it to check the project, not the fit, on every read.
     */
    boolean exists(String projectId, long fitId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM fit WHERE id = :id AND project_id = :projectId)")
                .param("projectId", projectId).param("id", fitId).query(Boolean.class).single();
    }

    /** The newest fit of a form, whole. */
    Optional<StoredFit> latest(String projectId, String form) {
        return latest(projectId, form, WHOLE);
    }

    /** The newest fit of a form, without draws and residuals. */
    Optional<StoredFit> latestSummary(String projectId, String form) {
        return latest(projectId, form, SUMMARY);
    }

    /**
     * "Newest" is the rule of {@code latest_fit_id} (V44), which a plan's INSERT also checks: the highest id of
     * the form, leaving out law fits of another target (a task's loss), which are not the project's loss law.
     */
    private Optional<StoredFit> latest(String projectId, String form, String columns) {
        return jdbc.sql("SELECT " + columns + " FROM fit WHERE project_id = :projectId"
                        + " AND id = latest_fit_id(:projectId, :form)")
                .param("projectId", projectId).param("form", form).query(this::map).optional();
    }

    /**
     * The id of the newest fit of each form that has one, in one statement of index scans that reads no
     * document: what the plan path needs to tell whether anything it keeps about a project's fits is current.
     */
    Map<String, Long> latestIds(String projectId, List<String> forms) {
        // list(), not stream(): a JdbcClient stream holds its connection until it is closed.
        return jdbc.sql("""
                        SELECT form, id FROM (SELECT form, latest_fit_id(:projectId, form) AS id
                                              FROM unnest(CAST(:forms AS text[])) AS form) newest
                        WHERE id IS NOT NULL""")
                .param("projectId", projectId).param("forms", forms.toArray(String[]::new))
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** A page of summaries, newest first: never the draws or residuals. */
    List<StoredFit> page(String projectId, long offset, int limit) {
        return jdbc.sql("SELECT " + SUMMARY + " FROM fit WHERE project_id = :projectId ORDER BY id DESC "
                        + "LIMIT :limit OFFSET :offset")
                .param("projectId", projectId).param("limit", limit).param("offset", offset).query(this::map).list();
    }

    @Override
    public long fitCount(String projectId) {
        return count(projectId);
    }

    long count(String projectId) {
        return jdbc.sql("SELECT count(*) FROM fit WHERE project_id = :projectId").param("projectId", projectId)
                .query(Long.class).single();
    }

    /** Reads a document of any version into the current one. */
    FitDocument readDocument(String result, FitRequest request) {
        int requested = FitSettings.bootstrapOf(request);
        return json.readValue(result, FitDocument.class).upgraded(requested);
    }

    private StoredFit map(ResultSet rs, int row) throws SQLException {
        FitRequest request = json.readValue(rs.getString(5), FitRequest.class);
        StoredFit.Header header = new StoredFit.Header(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                request, rs.getTimestamp(7).toInstant());
        String form = rs.getString(8);
        String result = rs.getString(6);
        if (FitForms.isIsoFlop(form)) {
            return new StoredFit.IsoFlop(header, json.readValue(result, IsoFlopAnalysis.class));
        }
        if (FitForms.isDownstream(form)) {
            return new StoredFit.Downstream(header, json.readValue(result, DownstreamFit.class));
        }
        return new StoredFit.LawFit(header, readDocument(result, request));
    }
}
