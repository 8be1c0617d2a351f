package org.credanalytics.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <dir>.env} beside a data directory: the service's database settings for the servers in it
 * ({@code ANALYTICS_DB_URL}, {@code ANALYTICS_DB_USER}, {@code ANALYTICS_DB_PASSWORD}) as shell
 * assignments, for {@code set -a; . <dir>.env}. Mode 600 from the moment it exists (it holds the
 * password), and it appears whole: written aside, then moved into place.
 */
public record ConnectionFile(Path path) {
    public static ConnectionFile beside(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        return new ConnectionFile(dir.resolveSibling(dir.getFileName() + ".env"));
    }

    void write(String url, String user, String password) throws IOException {
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        // Single quotes: a replicated formation's URL has '&'. None of the values holds a quote.
        String lines = "ANALYTICS_DB_URL='" + url + "'\nANALYTICS_DB_USER='" + user + "'\nANALYTICS_DB_PASSWORD='"
                + password + "'\n";
        Files.writeString(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The settings, read back (for tests and tools that start the service themselves). */
    public Map<String, String> read() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                settings.put(line.substring(0, equals), line.substring(equals + 1).replaceAll("^'|'$", ""));
            }
        }
        return settings;
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
