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

    Optional<StoredBacktest> find(long fitId) {
        return jdbc.sql("SELECT result::text, created_at FROM fit_backtest WHERE fit_id = :fitId")
                .param("fitId", fitId).query((rs, row) -> json.readValue(rs.getString(1), StoredBacktest.class)
                        .withCreatedAt(rs.getTimestamp(2).toInstant()))
                .optional();
    }

    Optional<String> fingerprint(long fitId) {
        return jdbc.sql("SELECT runs_fingerprint FROM fit_backtest WHERE fit_id = :fitId").param("fitId", fitId)
                .query(String.class).optional();
    }

    /** The same backtest, now known to hold for {@code revision} too (the runs it used did not change). */
    StoredBacktest revise(StoredBacktest backtest, long revision) {
        StoredBacktest revised = new StoredBacktest(backtest.fitId(), backtest.form(), revision, backtest.runs(),
                backtest.flopsPerToken(), backtest.points(), backtest.durationMs(), backtest.createdAt());
        jdbc.sql("UPDATE fit_backtest SET data_revision = :revision, result = CAST(:result AS jsonb) WHERE fit_id = :fitId")
                .param("fitId", backtest.fitId()).param("revision", revision)
                .param("result", json.writeValueAsString(revised)).update();
        return revised;
    }

    StoredBacktest save(StoredBacktest backtest, String runsFingerprint) {
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
                .query((rs, row) -> backtest.withCreatedAt(rs.getTimestamp(1).toInstant())).single();
    }
}
