package dev.scaleplan.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scaleplan.fits.FitRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for fit jobs. Every change of status is one conditional UPDATE, so two replicas (or a cancel and
 * a replica) cannot both move a job: the loser's UPDATE matches no row.
 */
@Repository
class FitJobRepository {

    /** A job claimed for execution: what to fit. */
    record Claimed(long id, String projectId, FitRequest request) {
    }

    private static final String COLUMNS = "id, project_id, status, phase, progress, fit_id, problem::text, attempts, "
            + "created_at, started_at, finished_at";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    FitJobRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    FitJob insert(String projectId, FitRequest request) {
        return jdbc.sql("INSERT INTO fit_job (project_id, request) VALUES (:projectId, CAST(:request AS jsonb)) "
                        + "RETURNING " + COLUMNS)
                .param("projectId", projectId).param("request", json.writeValueAsString(request))
                .query(this::map).single();
    }

    Optional<FitJob> find(String projectId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM fit_job WHERE project_id = :projectId AND id = :id")
                .param("projectId", projectId).param("id", id).query(this::map).optional();
    }

    /** Marks a queued (or revived running) job running on {@code instance}; empty when it is finished or cancelled. */
    Optional<Claimed> claim(long id, String instance) {
        return jdbc.sql("""
                        UPDATE fit_job SET status = 'running', phase = 'grid', progress = 0, attempts = attempts + 1,
                               executed_by = :instance, started_at = now()
                        WHERE id = :id AND status IN ('queued', 'running')
                        RETURNING id, project_id, request::text""")
                .param("id", id).param("instance", instance)
                .query((rs, row) -> new Claimed(rs.getLong(1), rs.getString(2),
                        json.readValue(rs.getString(3), FitRequest.class)))
                .optional();
    }

    void progress(long id, String phase, double progress) {
        jdbc.sql("UPDATE fit_job SET phase = :phase, progress = :progress WHERE id = :id AND status = 'running'")
                .param("id", id).param("phase", phase).param("progress", progress).update();
    }

    /** False when the job was cancelled meanwhile. */
    boolean succeed(long id, long fitId) {
        return jdbc.sql("""
                        UPDATE fit_job SET status = 'succeeded', fit_id = :fitId, progress = 1, finished_at = now()
                        WHERE id = :id AND status = 'running'""")
                .param("id", id).param("fitId", fitId).update() == 1;
    }

    boolean fail(long id, Map<String, Object> problem) {
        return jdbc.sql("""
                        UPDATE fit_job SET status = 'failed', problem = CAST(:problem AS jsonb), finished_at = now()
                        WHERE id = :id AND status IN ('queued', 'running')""")
                .param("id", id).param("problem", json.writeValueAsString(problem)).update() == 1;
    }

    /** Cancels a job that has not finished; false when it had. */
    boolean cancel(long id) {
        return jdbc.sql("""
                        UPDATE fit_job SET status = 'cancelled', finished_at = now()
                        WHERE id = :id AND status IN ('queued', 'running')""")
                .param("id", id).update() == 1;
    }

    /** Gives a running job back to the queue (this replica is stopping). */
    void requeue(long id) {
        jdbc.sql("UPDATE fit_job SET status = 'queued', phase = NULL, progress = 0 WHERE id = :id AND status = 'running'")
                .param("id", id).update();
    }

    /** Of {@code ids}, those that have finished. */
    List<Long> finished(Collection<Long> ids) {
        return jdbc.sql("SELECT id FROM fit_job WHERE id = ANY(:ids) AND status IN ('succeeded', 'failed', 'cancelled')")
                .param("ids", ids.toArray(Long[]::new)).query(Long.class).list();
    }

    long countQueued() {
        return jdbc.sql("SELECT count(*) FROM fit_job WHERE status = 'queued'").query(Long.class).single();
    }

    private FitJob map(ResultSet rs, int row) throws SQLException {
        String problem = rs.getString(7);
        long fitId = rs.getLong(6);
        boolean hasFit = !rs.wasNull();
        return new FitJob(rs.getLong(1), rs.getString(2), FitJobStatus.of(rs.getString(3)), rs.getString(4),
                rs.getDouble(5), hasFit ? fitId : null, problem == null ? null : json.readValue(problem, MAP),
                rs.getInt(8), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
