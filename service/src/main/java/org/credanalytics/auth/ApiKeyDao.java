package org.credanalytics.auth;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code api_keys} table (SQL under {@code org/credanalytics/auth/ApiKeyDao/}). Keys are looked
 * up by the SHA-256 hash of the presented key; the plaintext never reaches the database.
 */
public final class ApiKeyDao {
    private final Jdbi jdbi;
    private final ClasspathSqlLocator locator = ClasspathSqlLocator.create();

    public ApiKeyDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** What a new key is allowed to do; the hash and prefix come from {@link KeyMaterial}. */
    public record NewKey(KeyKind kind, Long institutionId, Set<Scope> scopes, Integer eventsPerSecond,
                         Integer requestsPerSecond, String description) {
        public static NewKey admin(String description) {
            return new NewKey(KeyKind.ADMIN, null, Set.of(), null, null, description);
        }
    }

    /** The key with this hash unless it is revoked. */
    public Optional<ApiKey> findActive(byte[] keyHash) {
        return jdbi.withHandle(h -> h.createQuery(sql("findActive"))
                .bind("key_hash", keyHash)
                .map(ApiKeyDao::row).findOne());
    }

    public Optional<ApiKey> findByHash(byte[] keyHash) {
        return jdbi.withHandle(h -> h.createQuery(sql("findByHash"))
                .bind("key_hash", keyHash)
                .map(ApiKeyDao::row).findOne());
    }

    /** Stores a key; empty when a key with the same hash already exists. */
    public Optional<ApiKey> insert(byte[] keyHash, String prefix, NewKey key) {
        String[] scopes = key.scopes().stream().map(Scope::label).sorted().toArray(String[]::new);
        return jdbi.withHandle(h -> h.createQuery(sql("insert"))
                .bind("key_hash", keyHash)
                .bind("key_prefix", prefix)
                .bind("kind", key.kind().label())
                .bind("institution_id", key.institutionId())
                .bindArray("scopes", String.class, (Object[]) scopes)
                .bind("events_per_second", key.eventsPerSecond())
                .bind("requests_per_second", key.requestsPerSecond())
                .bind("description", key.description())
                .map(ApiKeyDao::row).findOne());
    }

    public List<ApiKey> list() {
        return jdbi.withHandle(h -> h.createQuery(sql("list")).map(ApiKeyDao::row).list());
    }

    /** Marks the key revoked; empty when there is no such key or it was revoked before. */
    public Optional<ApiKey> revoke(long id) {
        return jdbi.withHandle(h -> h.createQuery(sql("revoke")).bind("id", id).map(ApiKeyDao::row).findOne());
    }

    private String sql(String name) {
        return locator.locate(ApiKeyDao.class, name);
    }

    private static ApiKey row(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ApiKey(rs.getLong("id"), rs.getString("key_prefix"), KeyKind.parse(rs.getString("kind")),
                (Long) rs.getObject("institution_id"), scopes(rs.getArray("scopes")),
                (Integer) rs.getObject("events_per_second"), (Integer) rs.getObject("requests_per_second"),
                rs.getString("description"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Set<Scope> scopes(Array array) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (Object value : (Object[]) array.getArray()) {
            scopes.add(Scope.parse((String) value));
        }
        return scopes;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
