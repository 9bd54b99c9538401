package dev.scaleplan.keys;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for API keys. */
@Repository
class ApiKeyRepository {

    private static final String COLUMNS = "id, name, prefix, scopes, created_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiKey insert(String name, String prefix, String secretHash, List<String> scopes) {
        return jdbc.sql("INSERT INTO api_key (name, prefix, secret_hash, scopes) "
                        + "VALUES (:name, :prefix, :hash, CAST(:scopes AS text[])) RETURNING " + COLUMNS)
                .param("name", name).param("prefix", prefix).param("hash", secretHash)
                .param("scopes", "{" + String.join(",", scopes) + "}")
                .query(ApiKeyRepository::map).single();
    }

    /** Scopes of the active key with this hash. */
    Optional<ActiveKeys.Active> activeKey(String secretHash) {
        return jdbc.sql("SELECT id, scopes FROM api_key WHERE secret_hash = :hash AND revoked_at IS NULL")
                .param("hash", secretHash)
                .query((rs, n) -> new ActiveKeys.Active(rs.getLong(1), scopes(rs.getArray(2)))).optional();
    }

    boolean existsByHash(String secretHash) {
        return jdbc.sql("SELECT count(*) FROM api_key WHERE secret_hash = :hash").param("hash", secretHash)
                .query(Long.class).single() > 0;
    }

    boolean anyActiveAdmin() {
        return jdbc.sql("SELECT count(*) FROM api_key WHERE revoked_at IS NULL AND 'admin' = ANY (scopes)")
                .query(Long.class).single() > 0;
    }

    List<ApiKey> page(long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key ORDER BY id LIMIT :limit OFFSET :offset")
                .param("limit", limit).param("offset", offset).query(ApiKeyRepository::map).list();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM api_key").query(Long.class).single();
    }

    /** Revokes an active key; false when there is no such active key. */
    boolean revoke(long id) {
        return jdbc.sql("UPDATE api_key SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
                .param("id", id).update() == 1;
    }

    boolean exists(long id) {
        return jdbc.sql("SELECT count(*) FROM api_key WHERE id = :id").param("id", id).query(Long.class).single() > 0;
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiKey(rs.getLong("id"), rs.getString("name"), rs.getString("prefix"), scopes(rs.getArray("scopes")),
                rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }

    private static List<String> scopes(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
