package org.credanalytics.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.credanalytics.api.ApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Minting and verifying embed tokens, without a server: only our own HS256 tokens, unexpired and complete, pass. */
@Tag("fast")
class EmbedTokensTest {
    private static final byte[] SECRET = "a-test-signing-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_SECRET = "another-signing-key-also-32-bytes-long!".getBytes(StandardCharsets.UTF_8);

    /** Nimbus checks expiry against the system clock, so "now" here is the real now. */
    private final Instant now = Instant.now();
    private final EmbedTokens tokens = new EmbedTokens(SECRET, Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void aMintedTokenGrantsItsInstitutionUntilItExpires() {
        EmbedTokens.Minted minted = tokens.issue(42, 7, Duration.ofHours(1));
        EmbedGrant grant = tokens.verify(minted.token());

        assertThat(grant.institutionId()).isEqualTo(42);
        assertThat(grant.keyId()).isEqualTo(7);
        assertThat(grant.expiresAt()).isEqualTo(now.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1)))
                .isEqualTo(minted.expiresAt());
        assertThat(grant.tokenId()).isNotBlank();
    }

    @Test
    void expiryIsInWholeSecondsAsTheTokenSaysIt() {
        EmbedTokens atNoon = new EmbedTokens(SECRET, Clock.fixed(Instant.parse("2026-03-01T12:00:00.750Z"), ZoneOffset.UTC));

        assertThat(atNoon.issue(1, 1, Duration.ofHours(1)).expiresAt()).isEqualTo(Instant.parse("2026-03-01T13:00:00Z"));
    }

    @Test
    void everyTokenHasItsOwnId() {
        String first = tokens.mint(42, 7, Duration.ofHours(1));
        String second = tokens.mint(42, 7, Duration.ofHours(1));

        assertThat(first).isNotEqualTo(second);
        assertThat(tokens.verify(first).tokenId()).isNotEqualTo(tokens.verify(second).tokenId());
    }

    @Test
    void anExpiredTokenSaysSo() {
        EmbedTokens yesterday = new EmbedTokens(SECRET, Clock.fixed(now.minus(Duration.ofDays(1)), ZoneOffset.UTC));
        String token = yesterday.mint(42, 7, Duration.ofHours(1));

        assertThat(refusal(token)).isEqualTo("the embed token has expired; ask for a new dashboard link");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsNotValid() {
        String token = new EmbedTokens(OTHER_SECRET, Clock.fixed(now, ZoneOffset.UTC)).mint(42, 7, Duration.ofHours(1));

        assertThat(refusal(token)).isEqualTo("the embed token is not valid");
    }

    @Test
    void aTokenWhoseClaimsWereChangedIsNotValid() {
        String[] parts = tokens.mint(42, 7, Duration.ofHours(1)).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"sub\":\"42\"");
        String otherInstitution = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.replace("\"sub\":\"42\"", "\"sub\":\"43\"").getBytes(StandardCharsets.UTF_8));

        assertThat(refusal(parts[0] + "." + otherInstitution + "." + parts[2])).isEqualTo("the embed token is not valid");
    }

    @Test
    void anUnsignedTokenIsNotValid() {
        String unsigned = new PlainJWT(claims().build()).serialize();

        assertThat(refusal(unsigned)).isEqualTo("the embed token is not valid");
    }

    @Test
    void onlyEmbedTokensWithEveryClaimAreValid() throws JOSEException {
        JWSHeader embed = new JWSHeader.Builder(JWSAlgorithm.HS256).type(EmbedTokens.TYPE).build();
        assertThat(tokens.verify(signed(embed, claims().build())).institutionId()).as("the complete token").isEqualTo(42);

        JWSHeader plainJwt = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
        assertThat(refusal(signed(plainJwt, claims().build()))).as("another type").isEqualTo("the embed token is not valid");
        assertThat(refusal(signed(embed, claims().claim(EmbedTokens.KEY_ID, null).build()))).as("no key id")
                .isEqualTo("the embed token is not valid");
        assertThat(refusal(signed(embed, claims().audience("api").build()))).as("another audience")
                .isEqualTo("the embed token is not valid");
        assertThat(refusal(signed(embed, claims().issuer("someone-else").build()))).as("another issuer")
                .isEqualTo("the embed token is not valid");
        assertThat(refusal(signed(embed, claims().subject("institution-42").build()))).as("a subject that is no id")
                .isEqualTo("the embed token is not valid");
    }

    @Test
    void garbageIsNotValid() {
        assertThat(refusal("not.a.token")).isEqualTo("the embed token is not valid");
        assertThat(refusal("")).isEqualTo("the embed token is not valid");
    }

    @Test
    void theSigningKeyHasAtLeast32Bytes() {
        assertThatThrownBy(() -> new EmbedTokens(new byte[31], Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the embed signing key must be at least 32 bytes");
    }

    @Test
    void bearerValuesWithThreePartsLookLikeTokens() {
        assertThat(EmbedTokens.looksLikeToken("header.claims.signature")).isTrue();
        assertThat(EmbedTokens.looksLikeToken("ak_0123456789abcdef")).isFalse();
        assertThat(EmbedTokens.looksLikeToken("a.b")).isFalse();
        assertThat(EmbedTokens.looksLikeToken("a.b.c.d")).isFalse();
    }

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(EmbedTokens.ISSUER)
                .audience(EmbedTokens.AUDIENCE)
                .subject("42")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID("t-1")
                .claim(EmbedTokens.KEY_ID, 7L);
    }

    private static String signed(JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    /** The message of the 401 that verifying {@code token} answers. */
    private String refusal(String token) {
        Throwable thrown = catchThrowable(() -> tokens.verify(token));
        assertThat(thrown).isInstanceOf(ApiException.class);
        assertThat(((ApiException) thrown).status()).isEqualTo(401);
        return thrown.getMessage();
    }
}
