package org.credanalytics.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs PostgreSQL's programs as the server's OS user ({@code postgres}) when this JVM is root, as
 * {@code LocalPostgres} does: backups and restored data directories must belong to the user the
 * server runs as, or it refuses to start.
 */
final class ServerUser {
    static final String NAME = "postgres";

    private ServerUser() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs {@code command} as the server user and returns its output; fails with the output on a non-zero exit. */
    static String run(List<String> command) throws IOException, InterruptedException {
        List<String> wrapped = new ArrayList<>();
        if (isRoot()) {
            wrapped.addAll(List.of("runuser", "-u", NAME, "--"));
        }
        wrapped.addAll(command);
        Process process = new ProcessBuilder(wrapped).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException("Command failed (exit " + exit + "): " + String.join(" ", command) + "\n" + output);
        }
        return output;
    }

    /** Creates {@code directory} (and its parents) and gives it to the server user, private to it. */
    static Path createDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        give(directory);
        return directory;
    }

    /** Gives an existing file or directory to the server user. */
    static void give(Path path) throws IOException {
        if (!isRoot()) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(lookup.lookupPrincipalByName(NAME));
        view.setGroup(lookup.lookupPrincipalByGroupName(NAME));
    }
}
