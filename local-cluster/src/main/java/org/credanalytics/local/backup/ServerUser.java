package org.credanalytics.local.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.credanalytics.local.OsUser;

/**
 * Runs PostgreSQL's programs as the server's OS user ({@link OsUser}) when this JVM is root:
 * backups and restored data directories must belong to the user the server runs as, or it
 * refuses to start.
 */
final class ServerUser {
    private ServerUser() {
    }

    /** Runs {@code command} as the server user and returns its output; fails with the output on a non-zero exit. */
    static String run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    /** As above, with {@code environment} added to this JVM's. */
    static String run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(OsUser.asServerUser(command)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException("Command failed (exit " + exit + "): " + String.join(" ", command) + "\n" + output);
        }
        return output;
    }

    /** Creates {@code directory} (and its parents) and makes the server user own it. */
    static Path createDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        OsUser.chownToServerUser(directory);
        return directory;
    }
}
