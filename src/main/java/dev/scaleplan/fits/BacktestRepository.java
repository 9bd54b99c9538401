package dev.scaleplan.fits;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** SQL for backtests: one per fit, replaced when the project's runs have changed. */
@Repository
class BacktestRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    BacktestRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<BacktestResponse> find(long fitId) {
        return jdbc.sql("SELECT result::text, created_at FROM fit_backtest WHERE fit_id = :fitId")
                .param("fitId", fitId).query((rs, row) -> withCreatedAt(
                        json.readValue(rs.getString(1), BacktestResponse.class), rs.getTimestamp(2).toInstant()))
                .optional();
    }

    Optional<String> fingerprint(long fitId) {
        return jdbc.sql("SELECT runs_fingerprint FROM fit_backtest WHERE fit_id = :fitId").param("fitId", fitId)
                .query(String.class).optional();
    }

    /** The same backtest, now known to hold for {@code revision} too (the runs it used did not change). */
    BacktestResponse revise(BacktestResponse backtest, long revision) {
        BacktestResponse revised = new BacktestResponse(backtest.fitId(), backtest.form(), revision, backtest.runs(),
                backtest.points(), backtest.note(), backtest.durationMs(), backtest.createdAt());
        jdbc.sql("UPDATE fit_backtest SET data_revision = :revision, result = CAST(:result AS jsonb) WHERE fit_id = :fitId")
                .param("fitId", backtest.fitId()).param("revision", revision)
                .param("result", json.writeValueAsString(revised)).update();
        return revised;
    }

    BacktestResponse save(BacktestResponse backtest, String runsFingerprint) {
        return jdbc.sql("""
                        INSERT INTO fit_backtest (fit_id, data_revision, duration_ms, result, runs_fingerprint)
                        VALUES (:fitId, :revision, :duration, CAST(:result AS jsonb), :fingerprint)
                        ON CONFLICT (fit_id) DO UPDATE SET data_revision = EXCLUDED.data_revision,
                            duration_ms = EXCLUDED.duration_ms, result = EXCLUDED.result,
                            runs_fingerprint = EXCLUDED.runs_fingerprint, created_at = now()
                        RETURNING created_at""")
                .param("fingerprint", runsFingerprint)
                .param("fitId", backtest.fitId()).param("revision", backtest.dataRevision())
                .param("duration", backtest.durationMs()).param("result", json.writeValueAsString(backtest))
                .query((rs, row) -> withCreatedAt(backtest, rs.getTimestamp(1).toInstant())).single();
    }

    private static BacktestResponse withCreatedAt(BacktestResponse b, java.time.Instant createdAt) {
        return new BacktestResponse(b.fitId(), b.form(), b.dataRevision(), b.runs(), b.points(), b.note(),
                b.durationMs(), createdAt);
    }
}
