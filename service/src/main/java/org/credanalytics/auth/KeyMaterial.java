package org.credanalytics.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Generates keys and hashes them. A generated key is {@code cak_<prefix>_<secret>}: the prefix (8
 * hex characters) only identifies the key in listings and logs, the secret is 32 bytes from
 * {@link SecureRandom}. Only {@link #hash SHA-256 of the whole key} is stored: with 256 bits of
 * entropy nobody can search the hash space, so a slow password hash (bcrypt) would only cost CPU
 * on every uncached request without adding protection.
 */
public final class KeyMaterial {
    public static final int MIN_BOOTSTRAP_KEY_LENGTH = 32;
    static final int MAX_KEY_LENGTH = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyMaterial() {
    }

    /** A newly generated key: the plaintext (shown once, never stored) and its public prefix. */
    public record Generated(String plaintext, String prefix) {
        public byte[] hash() {
            return KeyMaterial.hash(plaintext);
        }
    }

    public static Generated generate() {
        byte[] id = new byte[4];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String prefix = "cak_" + HexFormat.of().formatHex(id);
        return new Generated(prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret), prefix);
    }

    /** The prefix of an operator-chosen bootstrap key: derived from its hash, so it reveals nothing of the key. */
    public static String bootstrapPrefix(String key) {
        return "boot_" + HexFormat.of().formatHex(hash(key), 0, 4);
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Keys are printable ASCII without spaces; anything else cannot be a key and is not looked up. */
    static boolean plausible(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
