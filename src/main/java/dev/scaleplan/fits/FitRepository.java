package dev.scaleplan.fits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.scaleplan.fitting.Fit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** SQL for fits: the request and the whole {@link Fit} (with its bootstrap draws) are kept as JSON. */
@Repository
class FitRepository {

    /** A stored fit with its bookkeeping. */
    record StoredFit(long id, String projectId, long dataRevision, long durationMs, FitRequest request, Fit fit,
                     java.time.Instant createdAt) {
    }

    private static final String COLUMNS = "id, project_id, data_revision, duration_ms, request::text, result::text, created_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    FitRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    StoredFit insert(String projectId, long dataRevision, long durationMs, FitRequest request, Fit fit) {
        return jdbc.sql("""
                        INSERT INTO fit (project_id, form, data_revision, objective, runs_used, duration_ms, request, result)
                        VALUES (:projectId, :form, :revision, :objective, :runsUsed, :duration,
                                CAST(:request AS jsonb), CAST(:result AS jsonb))
                        RETURNING\s""" + COLUMNS)
                .param("projectId", projectId).param("form", fit.form()).param("revision", dataRevision)
                .param("objective", fit.objective()).param("runsUsed", fit.runsUsed()).param("duration", durationMs)
                .param("request", json.writeValueAsString(request)).param("result", json.writeValueAsString(fit))
                .query(this::map).single();
    }

    Optional<StoredFit> find(String projectId, long fitId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM fit WHERE project_id = :projectId AND id = :id")
                .param("projectId", projectId).param("id", fitId).query(this::map).optional();
    }

    /** Whether the fit exists now: a primary-key probe, without reading its result. */
    boolean exists(String projectId, long fitId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM fit WHERE id = :id AND project_id = :projectId)")
                .param("projectId", projectId).param("id", fitId).query(Boolean.class).single();
    }

    Optional<StoredFit> latest(String projectId, String form) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM fit WHERE project_id = :projectId AND form = :form "
                        + "ORDER BY id DESC LIMIT 1")
                .param("projectId", projectId).param("form", form).query(this::map).optional();
    }

    List<StoredFit> page(String projectId, long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM fit WHERE project_id = :projectId ORDER BY id DESC "
                        + "LIMIT :limit OFFSET :offset")
                .param("projectId", projectId).param("limit", limit).param("offset", offset).query(this::map).list();
    }

    long count(String projectId) {
        return jdbc.sql("SELECT count(*) FROM fit WHERE project_id = :projectId").param("projectId", projectId)
                .query(Long.class).single();
    }

    private StoredFit map(ResultSet rs, int row) throws SQLException {
        return new StoredFit(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                json.readValue(rs.getString(5), FitRequest.class), json.readValue(rs.getString(6), Fit.class),
                rs.getTimestamp(7).toInstant());
    }
}
