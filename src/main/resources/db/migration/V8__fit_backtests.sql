-- A fit's backtest (refits below compute cut-offs predicting the runs above), computed once per fit and
-- data revision, so repeated reads do not refit.
CREATE TABLE fit_backtest (
    fit_id        bigint      PRIMARY KEY REFERENCES fit (id) ON DELETE CASCADE,
    data_revision bigint      NOT NULL,
    duration_ms   bigint      NOT NULL,
    result        jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
