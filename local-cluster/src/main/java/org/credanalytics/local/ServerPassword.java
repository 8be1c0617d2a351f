package org.credanalytics.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The password of a local database's servers (every node of a cluster shares it), generated at
 * random the first time and kept beside the data directory {@code <dir>}: {@code <dir>.password},
 * the password alone, belongs to the user running this JVM; {@code <dir>.pgpass}, a libpq password
 * file for the same password, belongs to the servers' OS user ({@link OsUser}), who finds it through
 * {@code PGPASSFILE} when one server connects to another (Citus, streaming replication,
 * pg_basebackup, pg_auto_failover). Both are mode 600 from the moment they exist.
 */
public final class ServerPassword {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int RANDOM_BYTES = 24; // 32 characters of url-safe base64

    private final Path file;
    private final Path serverPassfile;
    private String value;

    private ServerPassword(Path file, Path serverPassfile) {
        this.file = file;
        this.serverPassfile = serverPassfile;
    }

    /** The password kept beside {@code directory}: {@code <directory>.password} and {@code <directory>.pgpass}. */
    public static ServerPassword beside(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        return new ServerPassword(dir.resolveSibling(dir.getFileName() + ".password"),
                dir.resolveSibling(dir.getFileName() + ".pgpass"));
    }

    /** The file holding the password alone, for clients: mode 600, owned by the user running this JVM. */
    public Path file() {
        return file;
    }

    /** The libpq password file the servers read (through {@code PGPASSFILE}). */
    public Path serverPassfile() {
        return serverPassfile;
    }

    /** The password: read from {@link #file()}, or generated and written there if the file does not exist. */
    public synchronized String value() {
        if (value == null) {
            try {
                value = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : generate();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read or write the local database password " + file, e);
            }
        }
        return value;
    }

    /**
     * (Re)writes {@link #serverPassfile()} for the servers' OS user. Every role the servers' own
     * programs log in as over TCP has this password, so the file matches any user.
     */
    synchronized void writeServerPassfile() throws IOException {
        String password = value();
        StringBuilder lines = new StringBuilder();
        // libpq matches the host as written: Citus's background tasks connect to "localhost".
        for (String host : new String[] {"127.0.0.1", "localhost"}) {
            lines.append(host).append(":*:*:*:").append(password).append('\n');
        }
        writePrivately(serverPassfile, lines.toString());
        OsUser.chownToServerUser(serverPassfile);
    }

    private String generate() throws IOException {
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        writePrivately(file, password + "\n");
        return password;
    }

    /** Writes {@code content} into {@code path}, which is mode 600 before it holds anything. */
    private static void writePrivately(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        if (!Files.exists(path)) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Files.setPosixFilePermissions(path, OWNER_ONLY);
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }
}
