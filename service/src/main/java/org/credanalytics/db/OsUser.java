package org.credanalytics.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;

/** PostgreSQL refuses to run as root; as root we hand the data directory to the postgres OS user. */
final class OsUser {
    static final String SERVER_USER = "postgres";

    private OsUser() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void giveToServerUser(Path directory) throws IOException {
        if (!isRoot()) {
            return;
        }
        UserPrincipalLookupService lookup = directory.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        view.setOwner(lookup.lookupPrincipalByName(SERVER_USER));
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(SERVER_USER);
        view.setGroup(group);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        assertReachable(directory);
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
