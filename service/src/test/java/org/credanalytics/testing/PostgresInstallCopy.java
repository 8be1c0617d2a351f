package org.credanalytics.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A copy of the machine's PostgreSQL installation (Debian layout: {@code /usr/lib/postgresql/N}
 * and {@code /usr/share/postgresql/N}) without one extension, for tests of a server that lacks it.
 * PostgreSQL finds its share and lib directories relative to its binaries, so the copy runs as is.
 */
public final class PostgresInstallCopy {
    private static final Path LIB = Path.of("/usr/lib/postgresql");
    private static final Path SHARE = Path.of("/usr/share/postgresql");

    private PostgresInstallCopy() {
    }

    /** Copies the newest installed major version under {@code root}, less the extension; returns its bin directory. */
    public static Path withoutExtension(Path root, String extension) throws IOException, InterruptedException {
        String major;
        try (var versions = Files.list(LIB)) {
            major = versions.map(p -> p.getFileName().toString()).filter(v -> v.matches("\\d+"))
                    .max((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))).orElseThrow();
        }
        Path lib = root.resolve("usr/lib/postgresql");
        Path share = root.resolve("usr/share/postgresql");
        Files.createDirectories(lib);
        Files.createDirectories(share);
        exec("cp", "-a", LIB.resolve(major).toString(), lib.toString());
        exec("cp", "-a", SHARE.resolve(major).toString(), share.toString());
        Files.deleteIfExists(lib.resolve(major).resolve("lib").resolve(extension + ".so"));
        try (var files = Files.list(share.resolve(major).resolve("extension"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(extension)).toList()) {
                Files.delete(file);
            }
        }
        exec("chmod", "-R", "a+rX", root.toString()); // the server runs as the postgres OS user when the build is root
        Path parent = root.getParent();
        while (parent != null && !parent.equals(parent.getRoot())) {
            exec("chmod", "a+x", parent.toString());
            parent = parent.getParent();
        }
        return lib.resolve(major).resolve("bin");
    }

    public static String major(Path bin) {
        return bin.getParent().getFileName().toString();
    }

    /** Stops a server these binaries run in {@code data}, if one runs (a failed start leaves it up). */
    public static void stopServer(Path bin, Path data) throws IOException, InterruptedException {
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        new ProcessBuilder(command).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }
}
