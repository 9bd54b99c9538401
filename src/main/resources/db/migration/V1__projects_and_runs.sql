-- Projects group the runs of one family of experiments (one tokenizer, one data mix).
CREATE TABLE project (
    id              text PRIMARY KEY,
    name            text             NOT NULL,
    description     text,
    flops_per_token double precision NOT NULL DEFAULT 6,
    data_revision   bigint           NOT NULL DEFAULT 0,
    created_at      timestamptz      NOT NULL DEFAULT now(),
    updated_at      timestamptz      NOT NULL DEFAULT now()
);

-- One finished training run: model size N, tokens D, compute C and final loss.
CREATE TABLE run (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id        text             NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    external_id       text,
    parameters        double precision NOT NULL CHECK (parameters > 0),
    tokens            double precision NOT NULL CHECK (tokens > 0),
    flops             double precision NOT NULL CHECK (flops > 0),
    loss              double precision NOT NULL CHECK (loss > 0),
    active_parameters double precision,
    unique_tokens     double precision,
    dataset           text,
    tags              jsonb            NOT NULL DEFAULT '{}'::jsonb,
    metrics           jsonb            NOT NULL DEFAULT '{}'::jsonb,
    learning_rate     double precision,
    batch_size        bigint,
    created_at        timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT run_external_id_unique UNIQUE (project_id, external_id)
);

-- Listing pages walk a project's runs in id order; filters use dataset and tags.
CREATE INDEX run_project_id_idx ON run (project_id, id);
CREATE INDEX run_project_dataset_idx ON run (project_id, dataset, id);
CREATE INDEX run_tags_idx ON run USING gin (tags jsonb_path_ops);
