-- A digest of the runs a backtest refitted (N, D, C, loss, experts, in order): a backtest stays valid
-- across uploads that leave these runs alone (another dataset, other tags).
ALTER TABLE fit_backtest ADD COLUMN runs_fingerprint text;
