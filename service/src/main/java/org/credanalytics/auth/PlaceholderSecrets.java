package org.credanalytics.auth;

import java.util.List;
import java.util.Locale;
import org.credanalytics.ConfigurationProblem;

/**
 * Refuses secrets that were written down somewhere: words that mark a value to be replaced
 * ("change-me", "example", …), and values made of one repeated character. Such a key in a
 * deployment is one anybody who read the same file can use.
 */
final class PlaceholderSecrets {
    private static final List<String> PLACEHOLDER_WORDS = List.of(
            "changeme", "change-me", "change_me", "replaceme", "replace-me", "replace_me",
            "placeholder", "example", "your-key", "your_key", "yourkey", "insecure", "default");

    private PlaceholderSecrets() {
    }

    /** Throws a {@link ConfigurationProblem} naming {@code setting} when {@code secret} is a placeholder. */
    static void refuse(String setting, String secret) {
        String lower = secret.toLowerCase(Locale.ROOT);
        boolean marked = PLACEHOLDER_WORDS.stream().anyMatch(lower::contains);
        boolean repeated = !secret.isEmpty() && secret.chars().allMatch(c -> c == secret.charAt(0));
        if (marked || repeated) {
            throw new ConfigurationProblem(setting + " is a placeholder" + (marked ? " (it says so)" : "")
                    + "; set a secret of your own, e.g. the output of: openssl rand -hex 32");
        }
    }
}
