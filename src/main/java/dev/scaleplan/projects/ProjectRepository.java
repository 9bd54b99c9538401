package dev.scaleplan.projects;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scaleplan.fitting.FlopsConvention;
import dev.scaleplan.fitting.ParameterCount;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.stereotype.Repository;

/** SQL for projects. */
@Repository
public class ProjectRepository {

    private static final String SELECT = """
            SELECT p.id, p.name, p.description, p.flops_per_token, p.parameter_count, p.flops_convention, p.data_revision,
                   p.created_at, p.updated_at, p.aggregates::text AS aggregates
            FROM project p
            """;

    private static final TypeReference<Map<String, List<String>>> AGGREGATES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProjectRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts a project; returns false when the id is taken. */
    boolean insert(String id, String name, String description, double flopsPerToken, CountingConventions conventions,
                   Map<String, List<String>> aggregates) {
        return jdbc.sql("""
                        INSERT INTO project (id, name, description, flops_per_token, parameter_count, flops_convention,
                                             aggregates)
                        VALUES (:id, :name, :description, :flopsPerToken, :parameterCount, :flopsConvention,
                                CAST(:aggregates AS jsonb))
                        ON CONFLICT (id) DO NOTHING
                        """)
                .param("id", id).param("name", name).param("description", description)
                .param("flopsPerToken", flopsPerToken)
                .param("parameterCount", conventions.parameterCount().wireName())
                .param("flopsConvention", conventions.flopsConvention().wireName())
                .param("aggregates", json.writeValueAsString(aggregates))
                .update() == 1;
    }

    public Optional<Project> find(String id) {
        return jdbc.sql(SELECT + " WHERE p.id = :id").param("id", id).query(this::map).optional();
    }

    /** The project's FLOPs per token, without counting its runs. */
    Optional<Double> flopsPerToken(String id) {
        return jdbc.sql("SELECT flops_per_token FROM project WHERE id = :id").param("id", id)
                .query(Double.class).optional();
    }

    /** The project's FLOPs per token and counting conventions, without counting its runs. */
    Optional<CountingConventions> conventions(String id) {
        return jdbc.sql("SELECT flops_per_token, parameter_count, flops_convention FROM project WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> new CountingConventions(ParameterCount.of(rs.getString("parameter_count")),
                        FlopsConvention.of(rs.getString("flops_convention")), rs.getDouble("flops_per_token")))
                .optional();
    }

    List<Project> page(long offset, int limit) {
        return jdbc.sql(SELECT + " ORDER BY p.id LIMIT :limit OFFSET :offset")
                .param("limit", limit).param("offset", offset)
                .query(this::map).list();
    }

    /** Locks the project row for the rest of the caller's transaction and returns its FLOPs per token. */
    Optional<Double> lockForUpdate(String id) {
        return jdbc.sql("SELECT flops_per_token FROM project WHERE id = :id FOR UPDATE")
                .param("id", id).query(Double.class).optional();
    }

    /** Bumps the project's data revision and returns the new value. */
    long bumpRevision(String id) {
        return jdbc.sql("""
                        UPDATE project SET data_revision = data_revision + 1, updated_at = now()
                        WHERE id = :id RETURNING data_revision""")
                .param("id", id).query(Long.class).single();
    }

    Optional<ProjectService.CurrentRevision> currentRevision(String id) {
        return jdbc.sql("SELECT data_revision, created_at FROM project WHERE id = :id").param("id", id)
                .query((rs, row) -> new ProjectService.CurrentRevision(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .optional();
    }

    Optional<Long> revision(String id) {
        return jdbc.sql("SELECT data_revision FROM project WHERE id = :id").param("id", id)
                .query(Long.class).optional();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM project").query(Long.class).single();
    }

    /** Changes the given fields; a change to how N or C is counted bumps the data revision once. */
    boolean update(String id, String name, String description, Double flopsPerToken, String parameterCount,
                   String flopsConvention, Map<String, List<String>> aggregates) {
        return jdbc.sql("""
                        UPDATE project SET
                            name = coalesce(:name, name),
                            description = coalesce(:description, description),
                            data_revision = data_revision
                                + CASE WHEN coalesce(:flopsPerToken::double precision, flops_per_token) <> flops_per_token
                                        OR coalesce(:parameterCount::text, parameter_count) <> parameter_count
                                        OR coalesce(:flopsConvention::text, flops_convention) <> flops_convention
                                        OR coalesce(CAST(:aggregates AS jsonb), aggregates) <> aggregates
                                       THEN 1 ELSE 0 END,
                            aggregates = coalesce(CAST(:aggregates AS jsonb), aggregates),
                            flops_per_token = coalesce(:flopsPerToken::double precision, flops_per_token),
                            parameter_count = coalesce(:parameterCount::text, parameter_count),
                            flops_convention = coalesce(:flopsConvention::text, flops_convention),
                            updated_at = now()
                        WHERE id = :id
                        """)
                .param("id", id).param("name", name).param("description", description)
                .param("flopsPerToken", flopsPerToken).param("parameterCount", parameterCount)
                .param("flopsConvention", flopsConvention)
                .param("aggregates", aggregates == null ? null : json.writeValueAsString(aggregates))
                .update() == 1;
    }

    boolean delete(String id) {
        return jdbc.sql("DELETE FROM project WHERE id = :id").param("id", id).update() == 1;
    }

    private Project map(ResultSet rs, int row) throws SQLException {
        return new Project(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                rs.getDouble("flops_per_token"), rs.getString("parameter_count"), rs.getString("flops_convention"),
                rs.getLong("data_revision"), 0,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                json.readValue(rs.getString("aggregates"), AGGREGATES));
    }
}
