-- Backtests now keep each predicted run's error and each refit's parameters (for calibrated bands,
-- coverage and allocation drift). Stored backtests are caches of a recomputable result: drop the old
-- shape, the next request recomputes them.
DELETE FROM fit_backtest;
