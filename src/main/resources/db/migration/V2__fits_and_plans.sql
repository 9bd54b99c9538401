-- A fitted scaling law: the request, the result (estimates, intervals, diagnostics, bootstrap
-- draws) and the data revision of the project it was fitted on.
CREATE TABLE fit (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id    text             NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    form          text             NOT NULL,
    data_revision bigint           NOT NULL,
    objective     double precision NOT NULL,
    runs_used     integer          NOT NULL,
    duration_ms   bigint           NOT NULL,
    request       jsonb            NOT NULL,
    result        jsonb            NOT NULL,
    created_at    timestamptz      NOT NULL DEFAULT now()
);

-- "latest fit of this form" and listing newest first.
CREATE INDEX fit_project_form_idx ON fit (project_id, form, id DESC);
CREATE INDEX fit_project_idx ON fit (project_id, id DESC);

-- A plan made from a fit.
CREATE TABLE plan (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id text        NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    fit_id     bigint      NOT NULL REFERENCES fit (id) ON DELETE CASCADE,
    objective  text        NOT NULL,
    request    jsonb       NOT NULL,
    result     jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX plan_project_idx ON plan (project_id, id DESC);
CREATE INDEX plan_fit_idx ON plan (fit_id);
