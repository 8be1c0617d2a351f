package org.credanalytics.auth;

import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.Authenticator;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import java.util.List;
import org.credanalytics.api.ApiException;

/**
 * Guards every {@code /v1} request, matched to a resource or not: a valid {@code Authorization:
 * Bearer <key>} (else 401), the {@link AccessPolicy} (else 403), then the key's request rate
 * (else 429). The bearer may instead be a dashboard embed token ({@link EmbedTokens}), which only
 * reads its institution's dashboard endpoints, while the key that minted it is not revoked
 * ({@link MintingKeys}). Runs before resource matching, so it covers resources it does not know
 * about. Keys are accepted only in the header, never in the query string, where they would end up
 * in logs. A client address that fails authentication too often gets 429s before any look-up.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyAuthFilter extends AuthFilter<String, ApiKey> {
    static final String SCHEME = "Bearer";

    private final AccessPolicy policy;
    private final RateLimits limits;
    private final AuthMetrics metrics;
    private final EmbedTokens embedTokens;
    private final MintingKeys mintingKeys;

    @Context
    private HttpServletRequest servletRequest;

    public ApiKeyAuthFilter(Authenticator<String, ApiKey> authenticator, AccessPolicy policy, RateLimits limits,
                            AuthMetrics metrics, EmbedTokens embedTokens, MintingKeys mintingKeys) {
        this.authenticator = authenticator;
        this.prefix = SCHEME;
        this.realm = UnauthorizedJsonHandler.REALM;
        this.unauthorizedHandler = new UnauthorizedJsonHandler();
        this.policy = policy;
        this.limits = limits;
        this.metrics = metrics;
        this.embedTokens = embedTokens;
        this.mintingKeys = mintingKeys;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> segments = request.getUriInfo().getPathSegments(true).stream().map(PathSegment::getPath).toList();
        if (!AccessPolicy.isProtected(segments)) {
            return;
        }
        String address = servletRequest.getRemoteAddr();
        try {
            limits.admitAuthentication(address);
            String key = bearerToken(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
            if (key != null && EmbedTokens.looksLikeToken(key)) {
                EmbedGrant grant = verifiedGrant(key, address);
                policy.checkEmbed(grant, request.getMethod(), segments);
                limits.admitEmbedRequest(grant);
                request.setProperty(EmbedGrant.REQUEST_PROPERTY, grant);
                return;
            }
            if (key == null || !authenticate(request, key, SCHEME)) {
                limits.failedAuthentication(address);
                throw unauthorizedHandler.buildException(prefix, realm);
            }
            ApiKey principal = (ApiKey) request.getSecurityContext().getUserPrincipal();
            policy.check(principal, request.getMethod(), segments);
            limits.admitRequest(principal);
        } catch (ApiException e) {
            throw metrics.refused(e);
        }
    }

    private EmbedGrant verifiedGrant(String token, String address) {
        try {
            EmbedGrant grant = embedTokens.verify(token);
            mintingKeys.check(grant);
            return grant;
        } catch (ApiException e) {
            if (e.status() == 401) {
                limits.failedAuthentication(address);
            }
            throw e;
        }
    }

    /** The key of exactly one {@code Authorization: Bearer <key>} header, else null. */
    static String bearerToken(List<String> headers) {
        if (headers == null || headers.size() != 1) {
            return null;
        }
        String header = headers.get(0).strip();
        int space = header.indexOf(' ');
        if (space <= 0 || !SCHEME.equalsIgnoreCase(header.substring(0, space))) {
            return null;
        }
        String token = header.substring(space + 1).strip();
        return token.isEmpty() ? null : token;
    }
}
