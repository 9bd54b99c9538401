package dev.scaleplan.plans;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** SQL for plans: the request and the answer are kept as JSON beside the fit they used. */
@Repository
class PlanRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PlanRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    PlanResponse insert(String projectId, long fitId, PlanRequest request, PlanResponse plan) {
        return jdbc.sql("""
                        INSERT INTO plan (project_id, fit_id, objective, request, result)
                        VALUES (:projectId, :fitId, :objective, CAST(:request AS jsonb), CAST(:result AS jsonb))
                        RETURNING id, result::text, created_at""")
                .param("projectId", projectId).param("fitId", fitId).param("objective", request.objective())
                .param("request", json.writeValueAsString(request)).param("result", json.writeValueAsString(plan))
                .query(this::map).single();
    }

    Optional<PlanResponse> find(String projectId, long planId) {
        return jdbc.sql("SELECT id, result::text, created_at FROM plan WHERE project_id = :projectId AND id = :id")
                .param("projectId", projectId).param("id", planId).query(this::map).optional();
    }

    List<PlanResponse> page(String projectId, long offset, int limit) {
        return jdbc.sql("""
                        SELECT id, result::text, created_at FROM plan WHERE project_id = :projectId
                        ORDER BY id DESC LIMIT :limit OFFSET :offset""")
                .param("projectId", projectId).param("limit", limit).param("offset", offset)
                .query(this::map).list();
    }

    /** The newest plans made from a fit. */
    List<PlanResponse> byFit(String projectId, long fitId, int limit) {
        return jdbc.sql("""
                        SELECT id, result::text, created_at FROM plan WHERE project_id = :projectId AND fit_id = :fitId
                        ORDER BY id DESC LIMIT :limit""")
                .param("projectId", projectId).param("fitId", fitId).param("limit", limit).query(this::map).list();
    }

    long count(String projectId) {
        return jdbc.sql("SELECT count(*) FROM plan WHERE project_id = :projectId").param("projectId", projectId)
                .query(Long.class).single();
    }

    private PlanResponse map(ResultSet rs, int row) throws SQLException {
        PlanResponse stored = json.readValue(rs.getString(2), PlanResponse.class);
        return new PlanResponse(rs.getLong(1), stored.projectId(), stored.fitId(), stored.form(), stored.objective(),
                stored.parameters(), stored.tokens(), stored.flops(), stored.tokensPerParameter(),
                stored.predictedLoss(), stored.parametersInterval(), stored.tokensInterval(), stored.confidenceLevel(),
                stored.draws(), stored.acceleratorHours(), stored.cost(), stored.hardware(), stored.inference(),
                stored.dataConstrained(), stored.constrainedBy(), stored.extrapolation(), stored.alternatives(),
                rs.getTimestamp(3).toInstant());
    }
}
