package org.credanalytics.auth;

import java.security.Principal;
import java.time.Instant;

/**
 * What a verified embed token allows: reading one institution's dashboard until it expires, while
 * the key that minted it ({@code keyId}) is not revoked.
 */
public record EmbedGrant(long institutionId, long keyId, Instant expiresAt, String tokenId) implements Principal {
    /** The request property under which the authentication filter leaves the grant of an embed token's request. */
    public static final String REQUEST_PROPERTY = EmbedGrant.class.getName();

    @Override
    public String getName() {
        return "embed token " + tokenId + " for institution " + institutionId;
    }
}
