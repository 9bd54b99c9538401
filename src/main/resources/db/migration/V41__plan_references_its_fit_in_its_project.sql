-- A plan references its fit within its project, through one foreign key instead of two.
-- Every plan INSERT takes a FOR KEY SHARE lock on each row its foreign keys reference; concurrent plans of one
-- project all locked the project's row and the fit's row. One key on (project_id, fit_id) locks only the fit's row
-- (pgbench, 8 clients, the real document: 5.3-5.8 k inserts/s with two keys, 6.7-6.8 k/s with one; BENCHMARKS.md).
-- It also says more: a plan's project is its fit's project. Deleting a project still deletes its plans, through
-- its fits (fit.project_id cascades, and so does this key).
-- NOT VALID here, validated in V42 (its own transaction): checking the existing rows then does not hold a lock that
-- blocks other replicas' plans.
ALTER TABLE fit ADD CONSTRAINT fit_project_id_id_key UNIQUE (project_id, id);

ALTER TABLE plan
    DROP CONSTRAINT plan_project_id_fkey,
    DROP CONSTRAINT plan_fit_id_fkey,
    ADD CONSTRAINT plan_fit_in_project_fkey FOREIGN KEY (project_id, fit_id)
        REFERENCES fit (project_id, id) ON DELETE CASCADE NOT VALID;
