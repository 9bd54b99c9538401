-- Routed (mixture-of-experts) runs: the expert count and the total parameters held in memory.
-- `parameters` stays the active count per token that FLOPs follow (C = k·N·D); existing runs are dense.
ALTER TABLE run
    ADD COLUMN experts          integer          NOT NULL DEFAULT 1 CHECK (experts >= 1),
    ADD COLUMN total_parameters double precision;

UPDATE run SET total_parameters = parameters;

ALTER TABLE run
    ALTER COLUMN total_parameters SET NOT NULL,
    ADD CONSTRAINT run_total_parameters_check CHECK (total_parameters >= parameters);
