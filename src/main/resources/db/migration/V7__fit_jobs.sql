-- A fit job: a fit request queued or running on some replica, its progress, and how it ended.
CREATE TABLE fit_job (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  text             NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    request     jsonb            NOT NULL,
    status      text             NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    phase       text,
    progress    double precision NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
    fit_id      bigint           REFERENCES fit (id) ON DELETE SET NULL,
    problem     jsonb,
    -- How many times a replica started it (more than 1 only after a replica died mid-job) and the last one.
    attempts    integer          NOT NULL DEFAULT 0,
    executed_by text,
    created_at  timestamptz      NOT NULL DEFAULT now(),
    started_at  timestamptz,
    finished_at timestamptz
);

CREATE INDEX fit_job_project_idx ON fit_job (project_id, id DESC);
CREATE INDEX fit_job_active_idx ON fit_job (status) WHERE status IN ('queued', 'running');

-- db-scheduler 16's table for PostgreSQL (its postgresql_tables.sql): which replica picked which
-- execution, with heartbeats for dead-execution detection.
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
