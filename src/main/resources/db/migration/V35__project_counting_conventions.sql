-- How a project counts model size N and training compute C (docs/conventions.md).
ALTER TABLE project
    ADD COLUMN parameter_count  text NOT NULL DEFAULT 'total'
        CONSTRAINT project_parameter_count_known CHECK (parameter_count IN ('total', 'non-embedding')),
    ADD COLUMN flops_convention text NOT NULL DEFAULT '6N'
        CONSTRAINT project_flops_convention_known CHECK (flops_convention IN ('6N', '6N+attention', 'given'));
