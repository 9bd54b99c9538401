package dev.scaleplan.fits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.scaleplan.fitting.DownstreamFit;
import dev.scaleplan.fitting.Fit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for fits: the request and the whole {@link Fit} (with its bootstrap draws) are kept as JSON; a
 * {@code downstream} fit keeps its {@link DownstreamFit} instead, in the same table and id sequence.
 */
@Repository
class FitRepository {

    /** A stored fit with its bookkeeping. */
    record StoredFit(long id, String projectId, long dataRevision, long durationMs, FitRequest request, Fit fit,
                     java.time.Instant createdAt, DownstreamFit downstream) {

        /** Whether this is a downstream fit (then {@link #fit()} is null), else a loss law (then {@link #downstream()} is). */
        boolean isDownstream() {
            return downstream != null;
        }
    }

    static final String DOWNSTREAM = "downstream";

    private static final String COLUMNS =
            "id, project_id, data_revision, duration_ms, request::text, result::text, created_at, form";

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

    StoredFit insertDownstream(String projectId, long dataRevision, long durationMs, FitRequest request,
                               DownstreamFit fit) {
        return jdbc.sql("""
                        INSERT INTO fit (project_id, form, data_revision, objective, runs_used, duration_ms, request, result)
                        VALUES (:projectId, :form, :revision, :objective, :runsUsed, :duration,
                                CAST(:request AS jsonb), CAST(:result AS jsonb))
                        RETURNING\s""" + COLUMNS)
                .param("projectId", projectId).param("form", DOWNSTREAM).param("revision", dataRevision)
                .param("objective", fit.runsUsed() * fit.rmse() * fit.rmse() / 2).param("runsUsed", fit.runsUsed())
                .param("duration", durationMs).param("request", json.writeValueAsString(request))
                .param("result", json.writeValueAsString(fit))
                .query(this::map).single();
    }

    /** The project's latest downstream fit of this metric. */
    Optional<StoredFit> latestDownstream(String projectId, String metric) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM fit WHERE project_id = :projectId AND form = :form "
                        + "AND request ->> 'metric' = :metric ORDER BY id DESC LIMIT 1")
                .param("projectId", projectId).param("form", DOWNSTREAM).param("metric", metric)
                .query(this::map).optional();
    }

    Optional<StoredFit> find(String projectId, long fitId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM fit WHERE project_id = :projectId AND id = :id")
                .param("projectId", projectId).param("id", fitId).query(this::map).optional();
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
        boolean downstream = DOWNSTREAM.equals(rs.getString(8));
        return new StoredFit(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                json.readValue(rs.getString(5), FitRequest.class),
                downstream ? null : json.readValue(rs.getString(6), Fit.class), rs.getTimestamp(7).toInstant(),
                downstream ? json.readValue(rs.getString(6), DownstreamFit.class) : null);
    }
}
