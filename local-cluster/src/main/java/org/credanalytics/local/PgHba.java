package org.credanalytics.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A server's {@code pg_hba.conf}, for data directories made with {@code trust} authentication
 * (by this project before it used passwords, or by {@code pg_autoctl}'s own initdb): finds
 * {@code trust} rules and turns them into password rules ({@code scram-sha-256}) or, for the Unix
 * socket, {@code peer} rules where the OS user logs in as the role of its own name.
 */
final class PgHba {
    private static final Pattern TRUST = Pattern.compile("(?<=\\s)trust(?=\\s|$)");

    private PgHba() {
    }

    static Path of(Path dataDirectory) {
        return dataDirectory.resolve("pg_hba.conf");
    }

    /** Whether any rule of {@code dataDirectory}'s pg_hba.conf lets a client in without a password. */
    static boolean trusts(Path dataDirectory) throws IOException {
        return Files.exists(of(dataDirectory))
                && Files.readAllLines(of(dataDirectory), StandardCharsets.UTF_8).stream()
                .anyMatch(line -> TRUST.matcher(rule(line)).find());
    }

    /** Rewrites every {@code trust} rule: {@code peer} for {@code local} rules, {@code scram-sha-256} for the others. */
    static void removeTrust(Path dataDirectory) throws IOException {
        removeTrust(dataDirectory, "peer");
    }

    /** As above, with {@code localMethod} for the {@code local} (Unix socket) rules. */
    static void removeTrust(Path dataDirectory, String localMethod) throws IOException {
        List<String> lines = Files.readAllLines(of(dataDirectory), StandardCharsets.UTF_8).stream()
                .map(line -> withoutTrust(line, localMethod))
                .toList();
        // Written in place, so the file keeps its owner (the server's OS user) and mode.
        Files.writeString(of(dataDirectory), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static String withoutTrust(String line, String localMethod) {
        String rule = rule(line);
        if (!TRUST.matcher(rule).find()) {
            return line;
        }
        String method = rule.stripLeading().startsWith("local") ? localMethod : "scram-sha-256";
        return TRUST.matcher(rule).replaceAll(method) + line.substring(rule.length());
    }

    /** The line without its comment. */
    private static String rule(String line) {
        int comment = line.indexOf('#');
        return comment < 0 ? line : line.substring(0, comment);
    }
}
