package dev.scaleplan.fits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.scaleplan.fitting.DownstreamFit;
import dev.scaleplan.web.ApiException;
import org.springframework.dao.DataIntegrityViolationException;
import dev.scaleplan.fitting.IsoFlopAnalysis;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for fits: the request and a {@link FitDocument} are kept as JSON. Single fits for predictions and
 * plans are read whole; answers about fits (get, latest, lists) read a projection without the draws
 * and residuals, which are nearly all of a row's bytes. A {@code downstream} fit keeps its
 * {@link DownstreamFit} instead, and an IsoFLOP analysis its {@link IsoFlopAnalysis}, in the same table
 * and id sequence.
 */
@Repository
class FitRepository {

    /**
     * A stored fit with its bookkeeping: a law fit ({@code document}, which lacks draws and residuals when read
     * as a summary), an IsoFLOP analysis ({@code isoflop}, form {@value IsoFlopFits#FORM}), or a downstream fit
     * ({@code downstream}, form {@value #DOWNSTREAM}); exactly one of the three is non-null.
     */
    record StoredFit(long id, String projectId, long dataRevision, long durationMs, FitRequest request,
                     FitDocument document, Instant createdAt, IsoFlopAnalysis isoflop, DownstreamFit downstream) {

        boolean isIsoFlop() {
            return isoflop != null;
        }

        /** Whether this is a downstream fit (then {@link #document()} is null). */
        boolean isDownstream() {
            return downstream != null;
        }
    }

    static final String DOWNSTREAM = "downstream";

    /** The columns of a whole fit. */
    static final String WHOLE = "id, project_id, data_revision, duration_ms, request::text, result::text, created_at, form";

    /**
     * A stored document without its bulk (draws and residuals), cut out by PostgreSQL before it is sent; an
     * IsoFLOP analysis is small (one parabola per budget per draw) and its response needs its draws, and a
     * downstream fit (three parameters per draw) needs its draws to be read at all.
     */
    static final String SUMMARY_DOCUMENT = "(CASE WHEN form IN ('" + IsoFlopFits.FORM + "', '" + DOWNSTREAM
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
     * Stores a fit; a 404 when its project was deleted meanwhile (the foreign key), never a database error.
     */
    StoredFit insert(String projectId, long dataRevision, long durationMs, FitRequest request, FitDocument document) {
        try {
            return jdbc.sql("""
                            INSERT INTO fit (project_id, form, data_revision, objective, runs_used, duration_ms, request, result)
                            VALUES (:projectId, :form, :revision, :objective, :runsUsed, :duration,
                                    CAST(:request AS jsonb), CAST(:result AS jsonb))
                            RETURNING id, created_at""")
                    .param("projectId", projectId).param("form", document.form()).param("revision", dataRevision)
                    .param("objective", document.objective()).param("runsUsed", document.runsUsed())
                    .param("duration", durationMs).param("request", json.writeValueAsString(request))
                    .param("result", json.writeValueAsString(document))
                    .query((rs, row) -> new StoredFit(rs.getLong(1), projectId, dataRevision, durationMs, request,
                            document, rs.getTimestamp(2).toInstant(), null, null))
                    .single();
        } catch (DataIntegrityViolationException e) {
            throw ApiException.notFound("Project", projectId);
        }
    }

    /** Stores an IsoFLOP analysis as a fit of form {@value IsoFlopFits#FORM}. */
    StoredFit insertIsoFlop(String projectId, long dataRevision, long durationMs, FitRequest request,
                            IsoFlopAnalysis analysis) {
        return jdbc.sql("""
                        INSERT INTO fit (project_id, form, data_revision, objective, runs_used, duration_ms, request, result)
                        VALUES (:projectId, :form, :revision, :objective, :runsUsed, :duration,
                                CAST(:request AS jsonb), CAST(:result AS jsonb))
                        RETURNING\s""" + WHOLE)
                .param("projectId", projectId).param("form", IsoFlopFits.FORM).param("revision", dataRevision)
                .param("objective", analysis.sumOfSquares()).param("runsUsed", analysis.runsUsed())
                .param("duration", durationMs).param("request", json.writeValueAsString(request))
                .param("result", json.writeValueAsString(analysis)).query(this::map).single();
    }

    StoredFit insertDownstream(String projectId, long dataRevision, long durationMs, FitRequest request,
                               DownstreamFit fit) {
        try {
            return jdbc.sql("""
                            INSERT INTO fit (project_id, form, data_revision, objective, runs_used, duration_ms, request, result)
                            VALUES (:projectId, :form, :revision, :objective, :runsUsed, :duration,
                                    CAST(:request AS jsonb), CAST(:result AS jsonb))
                            RETURNING\s""" + WHOLE)
                    .param("projectId", projectId).param("form", DOWNSTREAM).param("revision", dataRevision)
                    .param("objective", fit.runsUsed() * fit.rmse() * fit.rmse() / 2).param("runsUsed", fit.runsUsed())
                    .param("duration", durationMs).param("request", json.writeValueAsString(request))
                    .param("result", json.writeValueAsString(fit))
                    .query(this::map).single();
        } catch (DataIntegrityViolationException e) {
            throw ApiException.notFound("Project", projectId);
        }
    }

    /** The project's latest downstream fit of this metric, whole. */
    Optional<StoredFit> latestDownstream(String projectId, String metric) {
        return jdbc.sql("SELECT " + WHOLE + " FROM fit WHERE project_id = :projectId AND form = :form "
                        + "AND request ->> 'metric' = :metric ORDER BY id DESC LIMIT 1")
                .param("projectId", projectId).param("form", DOWNSTREAM).param("metric", metric)
                .query(this::map).optional();
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
     * The current data revision of the fit's project if the fit exists in that project: one primary-key
     * lookup that both proves the fit is still stored and says whether it is stale.
     */
    Optional<Long> projectRevisionIfExists(String projectId, long fitId) {
        return jdbc.sql("""
                        SELECT p.data_revision FROM fit f JOIN project p ON p.id = f.project_id
                        WHERE f.id = :id AND f.project_id = :projectId""")
                .param("projectId", projectId).param("id", fitId).query(Long.class).optional();
    }

    /** The newest fit of a form, whole. */
    Optional<StoredFit> latest(String projectId, String form) {
        return latest(projectId, form, WHOLE);
    }

    /** The newest fit of a form, without draws and residuals. */
    Optional<StoredFit> latestSummary(String projectId, String form) {
        return latest(projectId, form, SUMMARY);
    }

    private Optional<StoredFit> latest(String projectId, String form, String columns) {
        return jdbc.sql("SELECT " + columns + " FROM fit WHERE project_id = :projectId AND form = :form "
                        + "ORDER BY id DESC LIMIT 1")
                .param("projectId", projectId).param("form", form).query(this::map).optional();
    }

    /** The newest fit made with an identical request on the given data revision, if any. */
    Optional<StoredFit> latestSame(String projectId, FitRequest request, long dataRevision) {
        return jdbc.sql("SELECT " + WHOLE + " FROM fit WHERE project_id = :projectId AND form = :form "
                        + "AND data_revision = :revision AND request = CAST(:request AS jsonb) ORDER BY id DESC LIMIT 1")
                .param("projectId", projectId).param("form", request.form()).param("revision", dataRevision)
                .param("request", json.writeValueAsString(request)).query(this::map).optional();
    }

    /** A page of summaries, newest first: never the draws or residuals. */
    List<StoredFit> page(String projectId, long offset, int limit) {
        return jdbc.sql("SELECT " + SUMMARY + " FROM fit WHERE project_id = :projectId ORDER BY id DESC "
                        + "LIMIT :limit OFFSET :offset")
                .param("projectId", projectId).param("limit", limit).param("offset", offset).query(this::map).list();
    }

    long count(String projectId) {
        return jdbc.sql("SELECT count(*) FROM fit WHERE project_id = :projectId").param("projectId", projectId)
                .query(Long.class).single();
    }

    /** Reads a document of any version into the current one. */
    FitDocument readDocument(String result, FitRequest request) {
        int requested = Objects.requireNonNullElse(request.bootstrap(), FitService.DEFAULT_BOOTSTRAP);
        return json.readValue(result, FitDocument.class).upgraded(requested);
    }

    private StoredFit map(ResultSet rs, int row) throws SQLException {
        FitRequest request = json.readValue(rs.getString(5), FitRequest.class);
        String form = rs.getString(8);
        boolean isoflop = IsoFlopFits.FORM.equals(form);
        boolean downstream = DOWNSTREAM.equals(form);
        return new StoredFit(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), request,
                isoflop || downstream ? null : readDocument(rs.getString(6), request), rs.getTimestamp(7).toInstant(),
                isoflop ? json.readValue(rs.getString(6), IsoFlopAnalysis.class) : null,
                downstream ? json.readValue(rs.getString(6), DownstreamFit.class) : null);
    }
}
