package org.credanalytics.auth;

import java.util.Set;
import org.credanalytics.testing.TestDatabase;

/** Creates keys in the test database the way {@code keys create} does, and returns the plaintext. */
public final class TestKeyFactory {
    private final ApiKeyDao keys = TestDatabase.get().jdbi().onDemand(ApiKeyDao.class);

    public record Created(String plaintext, ApiKey key) {
    }

    public Created institution(long institutionId, Scope... scopes) {
        return create(new ApiKeyDao.NewKey(KeyKind.INSTITUTION, institutionId, Set.of(scopes), null, null, "test"));
    }

    public Created admin() {
        return create(ApiKeyDao.NewKey.admin("test admin"));
    }

    Created create(ApiKeyDao.NewKey newKey) {
        KeyMaterial.Generated generated = KeyMaterial.generate();
        return new Created(generated.plaintext(), keys.insert(generated.hash(), generated.prefix(), newKey).orElseThrow());
    }

    void revoke(ApiKey key) {
        keys.revoke(key.id()).orElseThrow();
    }
}
