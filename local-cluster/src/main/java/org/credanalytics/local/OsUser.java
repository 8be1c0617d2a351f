package org.credanalytics.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL refuses to run as root; as root we hand the data directory to the postgres OS user,
 * and run the server's programs as that user.
 */
public final class OsUser {
    public static final String SERVER_USER = "postgres";

    private OsUser() {
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Gives {@code directory} to the server user, private to it, and checks that user can reach it. */
    public static void giveToServerUser(Path directory) throws IOException {
        if (!isRoot()) {
            return;
        }
        chownToServerUser(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        assertReachable(directory);
    }

    /** Makes the server user and group own {@code path} (a file or a directory), its mode unchanged. */
    public static void chownToServerUser(Path path) throws IOException {
        if (!isRoot()) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(lookup.lookupPrincipalByName(SERVER_USER));
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(SERVER_USER);
        view.setGroup(group);
    }

    /** {@code command}, run as the server user when this JVM is root (through runuser), else as it is. */
    public static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SERVER_USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void assertReachable(Path directory) throws IOException {
        try {
            Process check = new ProcessBuilder("runuser", "-u", SERVER_USER, "--", "test", "-w", directory.toString())
                    .redirectErrorStream(true).start();
            if (check.waitFor() != 0) {
                throw new IOException("The " + SERVER_USER + " OS user cannot reach " + directory
                        + " (a parent directory is private to root?). Choose another data directory,"
                        + " e.g. ANALYTICS_LOCAL_DB_DIR=/var/lib/credential-analytics");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
