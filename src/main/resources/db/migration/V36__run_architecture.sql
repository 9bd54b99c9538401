-- What a run's model looked like, for the counting conventions (docs/conventions.md): its embedding
-- parameters (so the other parameter count can be given; below parameters when the project counts total
-- parameters, which the service checks) and Kaplan et al.'s attention term 6·n_layer·n_ctx·d_model (layers,
-- context length, width).
ALTER TABLE run
    ADD COLUMN embedding_parameters double precision
        CONSTRAINT run_embedding_parameters_positive CHECK (embedding_parameters > 0),
    ADD COLUMN layers         bigint CONSTRAINT run_layers_positive CHECK (layers > 0),
    ADD COLUMN context_length bigint CONSTRAINT run_context_length_positive CHECK (context_length > 0),
    ADD COLUMN width          bigint CONSTRAINT run_width_positive CHECK (width > 0);
