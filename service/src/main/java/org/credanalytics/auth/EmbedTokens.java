package org.credanalytics.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.credanalytics.api.ApiException;

/**
 * Signed, expiring dashboard embed tokens: JWTs (HS256, nimbus-jose-jwt) whose subject is one
 * institution. Only HS256 with this key is accepted (no {@code alg: none}, no other algorithm),
 * and the issuer, audience, type and expiry are checked by Nimbus's processor. Each token names the
 * API key that minted it ({@value #KEY_ID}), so that revoking the key ends its tokens too.
 */
public final class EmbedTokens {
    static final String ISSUER = "credential-analytics";
    static final String AUDIENCE = "dashboard";
    static final JOSEObjectType TYPE = new JOSEObjectType("embed+jwt");
    static final int MIN_SECRET_BYTES = 32;
    static final String KEY_ID = "key_id";

    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Clock clock;

    public EmbedTokens(byte[] secret, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the embed signing key must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            this.signer = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        this.clock = clock;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp", "iat", "jti", KEY_ID)));
    }

    /** From the configured key, or a random one (tokens then end with this process). */
    public static EmbedTokens from(EmbedConfiguration config, Clock clock) {
        String key = config.getSigningKey();
        if (key.isEmpty()) {
            byte[] random = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            return new EmbedTokens(random, clock);
        }
        PlaceholderSecrets.refuse("ANALYTICS_EMBED_SIGNING_KEY (embed.signingKey)", key);
        return new EmbedTokens(key.getBytes(StandardCharsets.UTF_8), clock);
    }

    /** A signed token and the instant it expires (whole seconds, as the token says). */
    public record Minted(String token, Instant expiresAt) {
    }

    /** A token letting its holder read {@code institutionId}'s dashboard for {@code ttl}, minted with key {@code keyId}. */
    public String mint(long institutionId, long keyId, Duration ttl) {
        return issue(institutionId, keyId, ttl).token();
    }

    public Minted issue(long institutionId, long keyId, Duration ttl) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(Long.toString(institutionId))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim(KEY_ID, keyId)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an embed token", e);
        }
        return new Minted(jwt.serialize(), now.plus(ttl));
    }

    /** True for bearer values shaped like a JWT (three dot-separated parts); API keys have no dots. */
    static boolean looksLikeToken(String bearer) {
        return bearer.chars().filter(c -> c == '.').count() == 2;
    }

    /** The grant of a valid token, else a 401 saying whether it expired or is not valid. */
    public EmbedGrant verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJWTException e) {
            throw unauthorized(e.getMessage() != null && e.getMessage().contains("Expired")
                    ? "the embed token has expired; ask for a new dashboard link"
                    : "the embed token is not valid");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw unauthorized("the embed token is not valid");
        }
        long institutionId;
        Long keyId;
        try {
            institutionId = Long.parseLong(claims.getSubject());
            keyId = claims.getLongClaim(KEY_ID);
        } catch (NumberFormatException | ParseException e) {
            throw unauthorized("the embed token is not valid");
        }
        return new EmbedGrant(institutionId, keyId, claims.getExpirationTime().toInstant(), claims.getJWTID());
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, message, List.of(), null);
    }
}
