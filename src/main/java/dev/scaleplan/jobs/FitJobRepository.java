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

    /**
     * What the queue holds for a new job of {@code projectId} queued with key {@code keyId}.
     *
     * @param queuedByKey jobs the key has queued, over all projects (0 without a key)
     * @param queuedInProject jobs queued in the project
     * @param projectLastRound the project's last queued round, null when it has none queued
     * @param servedRound the round being served (the highest queued), null when nothing is queued
     */
    record QueueState(long queuedByKey, long queuedInProject, Integer projectLastRound, Integer servedRound) {

        /** A project's next job goes one round after its last; a project with none queued joins the round served. */
        int nextRound() {
            return projectLastRound != null ? projectLastRound - 1 : servedRound != null ? servedRound : 0;
        }
    }

    /** Serialises submissions until the transaction ends, so that depth checks and rounds see each other. */
    void lockQueue() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('scaleplan.fit-job-queue'))").query(Object.class).single();
    }

    QueueState queueState(String projectId, Long keyId) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE api_key_id = :keyId),
                               count(*) FILTER (WHERE project_id = :projectId),
                               min(queue_round) FILTER (WHERE project_id = :projectId),
                               max(queue_round)
                        FROM fit_job WHERE status = 'queued'""")
                .param("projectId", projectId).param("keyId", keyId, java.sql.Types.BIGINT)
                .query((rs, row) -> new QueueState(rs.getLong(1), rs.getLong(2), (Integer) rs.getObject(3),
                        (Integer) rs.getObject(4)))
                .single();
    }

    FitJob insert(String projectId, FitRequest request, Long keyId, int round) {
        return jdbc.sql("""
                        INSERT INTO fit_job (project_id, request, api_key_id, queue_round)
                        VALUES (:projectId, CAST(:request AS jsonb), :keyId, :round)
                        RETURNING\s""" + COLUMNS)
                .param("projectId", projectId).param("request", json.writeValueAsString(request))
                .param("keyId", keyId, java.sql.Types.BIGINT).param("round", round)
                .query(this::map).single();
    }

    /** A project's jobs with one of {@code statuses}, newest first. */
    List<FitJob> list(String projectId, Collection<FitJobStatus> statuses, long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM fit_job WHERE project_id = :projectId AND status = ANY(:statuses) "
                        + "ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("projectId", projectId).param("statuses", ids(statuses)).param("limit", limit)
                .param("offset", offset).query(this::map).list();
    }

    long count(String projectId, Collection<FitJobStatus> statuses) {
        return jdbc.sql("SELECT count(*) FROM fit_job WHERE project_id = :projectId AND status = ANY(:statuses)")
                .param("projectId", projectId).param("statuses", ids(statuses)).query(Long.class).single();
    }

    /** Cancels every job of the project in {@code status}; the ids cancelled. */
    List<Long> cancelAll(String projectId, FitJobStatus status) {
        return jdbc.sql("""
                        UPDATE fit_job SET status = 'cancelled', finished_at = now()
                        WHERE project_id = :projectId AND status = :status RETURNING id""")
                .param("projectId", projectId).param("status", status.id()).query(Long.class).list();
    }

    /**
     * Queued jobs without an execution in {@code scheduled_tasks}: left by a process killed between the
     * two before they were written in one transaction.
     */
    List<Long> unscheduled(String task) {
        return jdbc.sql("""
                        SELECT j.id FROM fit_job j
                        WHERE j.status = 'queued'
                          AND NOT EXISTS (SELECT 1 FROM scheduled_tasks s
                                          WHERE s.task_name = :task AND s.task_instance = j.id::text)
                        ORDER BY j.id""")
                .param("task", task).query(Long.class).list();
    }

    int round(long id) {
        return jdbc.sql("SELECT queue_round FROM fit_job WHERE id = :id").param("id", id).query(Integer.class)
                .optional().orElse(0);
    }

    private static String[] ids(Collection<FitJobStatus> statuses) {
        return statuses.stream().map(FitJobStatus::id).toArray(String[]::new);
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

    /**
     * Of {@code ids}, those that have finished, or are gone: a job is deleted with its project, and a fit
     * still computing for a deleted project must stop.
     */
    List<Long> finished(Collection<Long> ids) {
        return jdbc.sql("""
                        SELECT id FROM unnest(CAST(:ids AS bigint[])) AS asked (id)
                        WHERE NOT EXISTS (SELECT 1 FROM fit_job j WHERE j.id = asked.id
                                          AND j.status IN ('queued', 'running'))""")
                .param("ids", ids.toArray(Long[]::new)).query(Long.class).list();
    }

    /** False once the job was deleted with its project. */
    boolean exists(long id) {
        return jdbc.sql("SELECT count(*) FROM fit_job WHERE id = :id").param("id", id).query(Long.class).single() > 0;
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
