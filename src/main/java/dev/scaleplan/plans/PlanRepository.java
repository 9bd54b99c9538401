package dev.scaleplan.plans;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scaleplan.crosscheck.AgreementService.NoteFits;

import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for plans: the request and the answer ({@link PlanDocument}) are kept as JSON text beside the fit they
 * used (text, not jsonb: no query looks inside them, and parsing them on each INSERT was a tenth of a plan's
 * cost in PostgreSQL).
 */
@Repository
class PlanRepository {

    private static final String INSERT = """
            INSERT INTO plan (project_id, fit_id, objective, request, result)
            SELECT :projectId, :fitId, :objective, :request, :result""";

    private static final String CHECKED = """

            WHERE project_is_at(:projectId, :revision, :projectCreatedAt)
              AND latest_fit_id(:projectId, :isoflopForm) IS NOT DISTINCT FROM CAST(:isoflopFitId AS bigint)
              AND latest_fit_id(:projectId, :chinchillaForm) IS NOT DISTINCT FROM CAST(:chinchillaFitId AS bigint)""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ProjectService projects;

    PlanRepository(JdbcClient jdbc, JsonMapper json, ProjectService projects) {
        this.projects = projects;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores a plan and returns it with its id and creation time, as a read of it gives it; empty, and nothing
     * stored, when {@code basis} is given and no longer holds: the project moved to another data revision or was
     * re-created, or a newer IsoFLOP or Chinchilla fit appeared (checked by V44's functions of the features owning
     * those tables). When its fit or project was deleted meanwhile, the foreign key refuses the row with a
     * {@code DataIntegrityViolationException}: a 404 for the project (asked of {@link ProjectService}, which
     * owns that table) or else for the fit.
     */
    Optional<PlanResponse> insert(String projectId, long fitId, PlanRequest request, Plan plan, PlanBases.Basis basis) {
        try {
            return jdbc.sql(INSERT + (basis == null ? "" : CHECKED) + "\nRETURNING id, created_at")
                    .params(basis == null ? Map.of() : basisParams(basis))
                    .param("projectId", projectId).param("fitId", fitId).param("objective", request.objective())
                    .param("request", json.writeValueAsString(request)).param("result", json.writeValueAsString(PlanDocument.of(plan)))
                    .query((rs, row) -> new PlanResponse(rs.getLong(1), plan, rs.getTimestamp(2).toInstant())).optional();
        } catch (DataIntegrityViolationException e) {
            projects.requireExists(projectId);
            throw new ApiException(ProblemType.NOT_FOUND, "Fit '" + fitId
                    + "' does not exist (it was deleted while the plan was made)");
        }
    }

    private static Map<String, Object> basisParams(PlanBases.Basis basis) {
        Map<String, Object> params = new HashMap<>();
        params.put("revision", basis.revision().dataRevision());
        params.put("projectCreatedAt", OffsetDateTime.ofInstant(basis.revision().projectCreatedAt(), ZoneOffset.UTC));
        params.put("isoflopForm", NoteFits.ISOFLOP_FORM);
        params.put("isoflopFitId", basis.noteFits().isoflopFitId());
        params.put("chinchillaForm", NoteFits.CHINCHILLA_FORM);
        params.put("chinchillaFitId", basis.noteFits().chinchillaFitId());
        return params;
    }

    Optional<PlanResponse> find(String projectId, long planId) {
        return jdbc.sql("SELECT id, result, created_at FROM plan WHERE project_id = :projectId AND id = :id")
                .param("projectId", projectId).param("id", planId).query(this::map).optional();
    }

    List<PlanResponse> page(String projectId, long offset, int limit) {
        return jdbc.sql("""
                        SELECT id, result, created_at FROM plan WHERE project_id = :projectId
                        ORDER BY id DESC LIMIT :limit OFFSET :offset""")
                .param("projectId", projectId).param("limit", limit).param("offset", offset)
                .query(this::map).list();
    }

    /** The newest plans made from a fit. */
    List<PlanResponse> byFit(String projectId, long fitId, int limit) {
        return jdbc.sql("""
                        SELECT id, result, created_at FROM plan WHERE project_id = :projectId AND fit_id = :fitId
                        ORDER BY id DESC LIMIT :limit""")
                .param("projectId", projectId).param("fitId", fitId).param("limit", limit).query(this::map).list();
    }

    long count(String projectId) {
        return jdbc.sql("SELECT count(*) FROM plan WHERE project_id = :projectId").param("projectId", projectId)
                .query(Long.class).single();
    }

    private PlanResponse map(ResultSet rs, int row) throws SQLException {
        return new PlanResponse(rs.getLong(1), json.readValue(rs.getString(2), PlanDocument.class).plan(),
                rs.getTimestamp(3).toInstant());
    }
}
