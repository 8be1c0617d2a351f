package org.credanalytics.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.credanalytics.db.SqlFiles;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The {@code api_keys} table, one statement per method (SQL under {@code org/credanalytics/auth/ApiKeyDao/}),
 * used as {@code jdbi.onDemand(ApiKeyDao.class)}. Keys are looked up by the SHA-256 hash of the presented
 * key; the plaintext never reaches the database. Kinds and scopes are stored as their labels, the
 * lower-case names, which Jdbi's enum mapping reads back (it matches names ignoring case).
 */
@SqlFiles
@RegisterConstructorMapper(ApiKey.class)
public interface ApiKeyDao {
    /** What a new key is allowed to do; the hash and prefix come from {@link KeyMaterial}. */
    record NewKey(KeyKind kind, Long institutionId, Set<Scope> scopes, Integer eventsPerSecond,
                  Integer requestsPerSecond, String description) {
        public static NewKey admin(String description) {
            return new NewKey(KeyKind.ADMIN, null, Set.of(), null, null, description);
        }
    }

    /** The key with this hash unless it is revoked. */
    @SqlQuery
    Optional<ApiKey> findActive(@Bind("key_hash") byte[] keyHash);

    /** Whether the key with this id exists and is not revoked. */
    @SqlQuery
    boolean isActive(@Bind("id") long id);

    @SqlQuery
    Optional<ApiKey> findByHash(@Bind("key_hash") byte[] keyHash);

    /** Stores a key; empty when a key with the same hash already exists. */
    default Optional<ApiKey> insert(byte[] keyHash, String prefix, NewKey key) {
        String[] scopes = key.scopes().stream().map(Scope::label).sorted().toArray(String[]::new);
        return insert(keyHash, prefix, key.kind().label(), key.institutionId(), scopes, key.eventsPerSecond(),
                key.requestsPerSecond(), key.description());
    }

    /** The statement behind {@link #insert(byte[], String, NewKey)}, with the kind and scopes as labels. */
    @SqlQuery
    Optional<ApiKey> insert(@Bind("key_hash") byte[] keyHash, @Bind("key_prefix") String prefix,
                            @Bind("kind") String kind, @Bind("institution_id") Long institutionId,
                            @Bind("scopes") String[] scopes, @Bind("events_per_second") Integer eventsPerSecond,
                            @Bind("requests_per_second") Integer requestsPerSecond,
                            @Bind("description") String description);

    @SqlQuery
    List<ApiKey> list();

    /** Marks the key revoked; empty when there is no such key or it was revoked before. */
    @SqlQuery
    Optional<ApiKey> revoke(@Bind("id") long id);
}
