-- Named means of run metrics a project declares (e.g. "core": ["arc_easy_acc", "hellaswag_acc"]), usable
-- wherever a metric is: as a fit's target, a downstream fit's metric or predictor.
ALTER TABLE project ADD COLUMN aggregates jsonb NOT NULL DEFAULT '{}'::jsonb;
