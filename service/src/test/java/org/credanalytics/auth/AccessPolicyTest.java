package org.credanalytics.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.credanalytics.api.ApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("fast")
class AccessPolicyTest {
    private final AccessPolicy policy = new AccessPolicy();
    private final ApiKey admin = key(KeyKind.ADMIN, null);
    private final ApiKey ingestAndRead42 = key(KeyKind.INSTITUTION, 42L, Scope.INGEST, Scope.READ);
    private final ApiKey read42 = key(KeyKind.INSTITUTION, 42L, Scope.READ);
    private final ApiKey ingest42 = key(KeyKind.INSTITUTION, 42L, Scope.INGEST);

    @ParameterizedTest
    @ValueSource(strings = {"v1/events", "v1/events/batch", "v1/institutions/7/summary", "v1/platform/geo",
            "v1/cluster/shards", "v1/anything/else", "v1"})
    void adminKeysMayCallEveryPath(String path) {
        assertThatCode(() -> policy.check(admin, "DELETE", segments(path))).doesNotThrowAnyException();
    }

    @Test
    void institutionKeysReadTheirOwnInstitutionAndIngestWithTheirScopes() {
        assertThatCode(() -> policy.check(read42, "GET", segments("v1/institutions/42/activity"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(read42, "HEAD", segments("v1/institutions/42"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(ingest42, "POST", segments("v1/events"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(ingest42, "POST", segments("v1/events/batch"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(ingestAndRead42, "GET", segments("v1/institutions/42/geo"))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/institutions/43/activity", "v1/institutions/042x/activity", "v1/institutions/4 2/geo",
            "v1/institutions/+42/geo", "v1/institutions/42/../../platform/geo",
            "v1/institutions/42/./activity", "v1/institutions/42/a%2Fb", "v1/institutions/42/", "v1/institutions",
            "v1/platform/institutions", "v1/platform/geo", "v1/cluster/shards", "v1/cluster/rebalance",
            "v1/keys", "v1/events/other", "v1/events/batch/x", "v1/eventsx", "v1", "v1//events"})
    void institutionKeysAreRefusedEverywhereElse(String path) {
        assertThatThrownBy(() -> policy.check(ingestAndRead42, "GET", segments(path)))
                .isInstanceOfSatisfying(ApiException.class, e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void readKeysMintEmbedTokensForTheirOwnInstitutionOnly() {
        assertThatCode(() -> policy.check(read42, "POST", segments("v1/institutions/42/embed-tokens"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check(read42, "POST", segments("v1/institutions/43/embed-tokens")))
                .hasMessageContaining("may mint its embed tokens");
        assertThatThrownBy(() -> policy.check(ingest42, "POST", segments("v1/institutions/42/embed-tokens")))
                .hasMessageContaining("may mint its embed tokens");
        assertThatThrownBy(() -> policy.check(read42, "POST", segments("v1/institutions/42/embed-tokens/x")))
                .hasMessageContaining("needs an admin key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary", "activity", "geo", "credential-types", "funnel"})
    void embedTokensReadTheirInstitutionsDashboardEndpoints(String endpoint) {
        EmbedGrant grant = new EmbedGrant(42, 1, Instant.now().plusSeconds(60), "t");
        assertThatCode(() -> policy.checkEmbed(grant, "GET", segments("v1/institutions/42/" + endpoint))).doesNotThrowAnyException();
        assertThatCode(() -> policy.checkEmbed(grant, "HEAD", segments("v1/institutions/42/" + endpoint))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkEmbed(grant, "GET", segments("v1/institutions/43/" + endpoint)))
                .hasMessageContaining("for institution 42, not 43");
        assertThatThrownBy(() -> policy.checkEmbed(grant, "POST", segments("v1/institutions/42/" + endpoint)))
                .hasMessageContaining("only read its institution's dashboard");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/institutions/42", "v1/institutions/42/embed-tokens", "v1/institutions/42/summary/x",
            "v1/events", "v1/events/batch", "v1/platform/institutions", "v1/cluster/shards", "v1/admin/recompute",
            "v1/institutions/42/../43/summary", "v1"})
    void embedTokensAreRefusedEverywhereElse(String path) {
        EmbedGrant grant = new EmbedGrant(42, 1, Instant.now().plusSeconds(60), "t");
        for (String method : new String[] {"GET", "POST"}) {
            assertThatThrownBy(() -> policy.checkEmbed(grant, method, segments(path)))
                    .isInstanceOfSatisfying(ApiException.class, e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(403));
        }
    }

    @Test
    void institutionKeysReadWithGetAndIngestWithPostOnly() {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
            assertThatThrownBy(() -> policy.check(ingestAndRead42, method, segments("v1/institutions/42/summary")))
                    .hasMessageContaining("needs an admin key");
        }
        for (String method : new String[] {"GET", "PUT", "DELETE"}) {
            assertThatThrownBy(() -> policy.check(ingestAndRead42, method, segments("v1/events/batch")))
                    .hasMessageContaining("needs an admin key");
        }
    }

    @Test
    void recomputeIsForAdminKeysOnly() {
        assertThatThrownBy(() -> policy.check(ingestAndRead42, "POST", segments("v1/admin/recompute")))
                .hasMessageContaining("needs an admin key");
    }

    @Test
    void scopesAreRequired() {
        assertThatThrownBy(() -> policy.check(ingest42, "GET", segments("v1/institutions/42/summary")))
                .hasMessageContaining("read scope");
        assertThatThrownBy(() -> policy.check(read42, "POST", segments("v1/events/batch")))
                .hasMessageContaining("ingest scope");
    }

    @Test
    void onlyV1PathsAreProtected() {
        org.assertj.core.api.Assertions.assertThat(AccessPolicy.isProtected(segments("v1/events"))).isTrue();
        org.assertj.core.api.Assertions.assertThat(AccessPolicy.isProtected(segments("v1"))).isTrue();
        org.assertj.core.api.Assertions.assertThat(AccessPolicy.isProtected(segments("v2/events"))).isFalse();
        org.assertj.core.api.Assertions.assertThat(AccessPolicy.isProtected(List.of())).isFalse();
    }

    private static List<String> segments(String path) {
        return Arrays.asList(path.split("/", -1));
    }

    private static ApiKey key(KeyKind kind, Long institution, Scope... scopes) {
        return new ApiKey(1, "cak_test", kind, institution, Set.of(scopes), null, null, null, Instant.EPOCH, null);
    }
}
