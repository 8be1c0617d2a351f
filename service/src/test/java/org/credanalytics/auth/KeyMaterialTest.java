package org.credanalytics.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class KeyMaterialTest {
    @Test
    void generatedKeysCarryTheirPrefixAnd256RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            KeyMaterial.Generated key = KeyMaterial.generate();
            assertThat(key.plaintext()).matches("cak_[0-9a-f]{8}_[A-Za-z0-9_-]{43}").startsWith(key.prefix() + "_");
            assertThat(KeyMaterial.plausible(key.plaintext())).isTrue();
            assertThat(seen.add(key.plaintext())).isTrue();
        }
    }

    @Test
    void hashIsSha256OfTheWholeKey() {
        assertThat(HexFormat.of().formatHex(KeyMaterial.hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void bootstrapPrefixRevealsNothingOfTheKey() {
        String key = "test-admin-key-0123456789abcdef0123456789";
        assertThat(KeyMaterial.bootstrapPrefix(key)).matches("boot_[0-9a-f]{8}")
                .isEqualTo("boot_" + HexFormat.of().formatHex(KeyMaterial.hash(key)).substring(0, 8));
    }

    @Test
    void implausibleKeysAreNotLookedUp() {
        assertThat(KeyMaterial.plausible("")).isFalse();
        assertThat(KeyMaterial.plausible("has space")).isFalse();
        assertThat(KeyMaterial.plausible("caf\u00e9")).isFalse();
        assertThat(KeyMaterial.plausible("x".repeat(257))).isFalse();
        assertThat(KeyMaterial.plausible("x".repeat(256))).isTrue();
    }
}
