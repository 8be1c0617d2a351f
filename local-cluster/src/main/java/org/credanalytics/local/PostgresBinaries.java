package org.credanalytics.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the installed PostgreSQL server binaries: {@code ANALYTICS_PG_BIN} when set, else the
 * newest {@code /usr/lib/postgresql/N/bin} (Debian's layout), else {@code initdb} on the PATH.
 */
public record PostgresBinaries(Path directory, String version) {
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    public static PostgresBinaries locate() {
        String configured = System.getenv("ANALYTICS_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return of(Path.of(configured));
        }
        return newestDebianInstall()
                .or(PostgresBinaries::fromPath)
                .orElseThrow(() -> new IllegalStateException(
                        "No PostgreSQL server binaries found: install postgresql (e.g. apt-get install -y postgresql)"
                                + " or set ANALYTICS_PG_BIN to the directory holding initdb and pg_ctl"));
    }

    public String binary(String name) {
        return directory.resolve(name).toString();
    }

    /** Whether the extension's control file is installed for these binaries (Debian layout). */
    boolean hasExtension(String name) {
        Path root = directory.getParent();
        if (root == null) {
            return false;
        }
        String major = root.getFileName().toString();
        return Files.exists(Path.of("/usr/share/postgresql", major, "extension", name + ".control"))
                || Files.exists(root.resolve("share/extension/" + name + ".control"));
    }

    private static PostgresBinaries of(Path directory) {
        if (!Files.isExecutable(directory.resolve("initdb"))) {
            throw new IllegalStateException("No initdb in " + directory + " (ANALYTICS_PG_BIN)");
        }
        Path parent = directory.getParent();
        return new PostgresBinaries(directory, parent == null ? "?" : parent.getFileName().toString());
    }

    private static Optional<PostgresBinaries> newestDebianInstall() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions
                    .filter(v -> v.getFileName().toString().matches("\\d+"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> of(v.resolve("bin")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<PostgresBinaries> fromPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb"))) {
                return Optional.of(new PostgresBinaries(Path.of(entry), "from PATH"));
            }
        }
        return Optional.empty();
    }
}
