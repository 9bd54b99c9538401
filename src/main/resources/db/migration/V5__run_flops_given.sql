-- Whether the client sent a run's flops or scaleplan derived them as flopsPerToken·N·D. Re-sending a run
-- without flops after flopsPerToken changed is then recognised as the same run, not a conflict.
ALTER TABLE run ADD COLUMN flops_given boolean;

-- Runs stored before: flops equal to the project's current k·N·D were (as far as can be told) derived.
UPDATE run r SET flops_given = r.flops <> p.flops_per_token * r.parameters * r.tokens
FROM project p WHERE p.id = r.project_id;

ALTER TABLE run ALTER COLUMN flops_given SET DEFAULT true, ALTER COLUMN flops_given SET NOT NULL;
