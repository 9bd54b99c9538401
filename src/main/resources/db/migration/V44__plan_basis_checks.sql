-- What a plan's INSERT checks before storing (plans/PlanRepository): that the project and its fits are as the
-- replica last read them. Each check is a function of the feature that owns the table it reads, so that the
-- plans feature's SQL names no other feature's table (the rule of architecture/TableOwnershipTest).
-- PL/pgSQL, not SQL: a SQL function whose query reads a table is not inlined, and PostgreSQL 15 plans its
-- query again on every call, while PL/pgSQL keeps the plan for the session (BENCHMARKS.md).

-- projects: whether the project is still the one read (same creation instant) at the data revision read.
CREATE FUNCTION project_is_at(in_project text, in_revision bigint, in_created timestamptz) RETURNS boolean
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM project
                   WHERE id = in_project AND data_revision = in_revision AND created_at = in_created);
END
$$;

-- fits: the id of the project's newest fit of a form, fits of a task's loss (with a target) left out; null
-- when there is none. The one definition of "newest": FitRepository reads the newest fits through it too.
CREATE FUNCTION latest_fit_id(in_project text, in_form text) RETURNS bigint
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN (SELECT id FROM fit WHERE project_id = in_project AND form = in_form AND request ->> 'target' IS NULL
            ORDER BY id DESC LIMIT 1);
END
$$;
