-- Who queued a fit job (the API key's id; null without a key), so that queue depth is limited per key,
-- and its round: a project's first queued job joins the round being served, its next ones the rounds
-- after, so that jobs run round robin across projects rather than first come, first served.
ALTER TABLE fit_job ADD COLUMN api_key_id bigint;
ALTER TABLE fit_job ADD COLUMN queue_round integer NOT NULL DEFAULT 0;

CREATE INDEX fit_job_queued_project_idx ON fit_job (project_id, queue_round) WHERE status = 'queued';
CREATE INDEX fit_job_queued_key_idx ON fit_job (api_key_id) WHERE status = 'queued';
