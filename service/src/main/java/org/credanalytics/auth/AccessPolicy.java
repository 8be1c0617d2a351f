package org.credanalytics.auth;

import java.util.List;
import java.util.regex.Pattern;
import org.credanalytics.api.ApiException;
import org.credanalytics.query.DashboardEndpoint;

/**
 * Who may call which {@code /v1} path, decided from the path alone, before any resource is
 * matched, so that endpoints added later are covered without changes. Default deny: admin keys
 * may call everything; institution keys only {@code GET /v1/institutions/{their id}/**} with scope
 * {@code read}, and {@code POST /v1/events} and {@code POST /v1/events/batch} with scope
 * {@code ingest} (the ingest resource then checks that every event is for their institution), and
 * {@code POST /v1/institutions/{their id}/embed-tokens} with scope {@code read}. Any
 * other method or path, or a path segment that is not plainly what these rules expect, is for
 * admin keys only.
 */
public final class AccessPolicy {
    private static final Pattern INSTITUTION_ID = Pattern.compile("[0-9]{1,18}");
    /** Dot segments, empty segments and encoded slashes never reach the rules for institution keys. */
    private static final Pattern PLAIN_SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** True for the paths that need a key: everything under {@code /v1}. */
    public static boolean isProtected(List<String> segments) {
        return !segments.isEmpty() && "v1".equals(segments.get(0));
    }

    /** Throws a 403 unless {@code key} may call {@code method} on the path made of these decoded segments. */
    public void check(ApiKey key, String method, List<String> segments) {
        if (key.isAdmin()) {
            return;
        }
        if (!segments.stream().allMatch(segment -> PLAIN_SEGMENT.matcher(segment).matches())) {
            throw forbidden("this path needs an admin key");
        }
        if (isIngest(segments) && "POST".equals(method)) {
            if (!key.scopes().contains(Scope.INGEST)) {
                throw forbidden("this key has no ingest scope");
            }
            return;
        }
        if (segments.size() >= 2 && "imports".equals(segments.get(1))) {
            if (!key.scopes().contains(Scope.IMPORT)) {
                throw forbidden("this key has no import scope");
            }
            return; // the import resource keeps the key to its own institution's events and imports
        }
        if (isEmbedTokenMint(segments) && "POST".equals(method)) {
            if (!key.mayActFor(Long.parseLong(segments.get(2)), Scope.READ)) {
                throw forbidden("only an admin key or a read key of institution " + segments.get(2)
                        + " may mint its embed tokens");
            }
            return;
        }
        if (segments.size() >= 3 && "institutions".equals(segments.get(1)) && INSTITUTION_ID.matcher(segments.get(2)).matches()
                && isRead(method)) {
            if (!key.mayActFor(Long.parseLong(segments.get(2)), Scope.READ)) {
                throw forbidden(key.scopes().contains(Scope.READ)
                        ? "this key may not read institution " + segments.get(2)
                        : "this key has no read scope");
            }
            return;
        }
        throw forbidden(method + " " + String.join("/", segments) + " needs an admin key");
    }

    /**
     * Throws a 403 unless an embed token with this grant may make this request: only reads of its
     * own institution's dashboard endpoints that are {@link DashboardEndpoint#embeddable()}, all of
     * them under {@code /v1/institutions/{id}/}; nothing else (no minting, no other institution).
     */
    public void checkEmbed(EmbedGrant grant, String method, List<String> segments) {
        boolean dashboardRead = isRead(method)
                && DashboardEndpoint.at(segments).filter(DashboardEndpoint::embeddable).isPresent();
        if (!dashboardRead) {
            throw forbidden("an embed token may only read its institution's dashboard");
        }
        if (!segments.get(2).equals(Long.toString(grant.institutionId()))) {
            throw forbidden("this embed token is for institution " + grant.institutionId() + ", not " + segments.get(2));
        }
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    private static boolean isEmbedTokenMint(List<String> segments) {
        return segments.size() == 4 && "institutions".equals(segments.get(1))
                && INSTITUTION_ID.matcher(segments.get(2)).matches() && "embed-tokens".equals(segments.get(3));
    }

    private static boolean isIngest(List<String> segments) {
        return (segments.size() == 2 || (segments.size() == 3 && "batch".equals(segments.get(2))))
                && "events".equals(segments.get(1));
    }

    static ApiException forbidden(String message) {
        return new ApiException(403, message, List.of(), null);
    }
}
