package org.credanalytics.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Sets role passwords in a stopped server's data directory, with PostgreSQL's single-user mode (as
 * the server's OS user), so that the server never runs without them: for data directories that
 * {@code pg_autoctl create} made, whose roles it leaves without passwords.
 */
final class OfflinePasswords {
    private OfflinePasswords() {
    }

    static void set(PostgresBinaries binaries, Path dataDirectory, String password, List<String> roles)
            throws IOException, InterruptedException {
        StringBuilder sql = new StringBuilder("SET citus.enable_ddl_propagation = off;\n")
                .append("SET password_encryption = 'scram-sha-256';\n");
        for (String role : roles) {
            // The password is url-safe base64 and the roles are our constants: nothing to quote.
            sql.append("ALTER ROLE ").append(role).append(" PASSWORD '").append(password).append("';\n");
        }
        Process process = new ProcessBuilder(OsUser.asServerUser(List.of(binaries.binary("postgres"), "--single",
                "-D", dataDirectory.toString(), "postgres"))).redirectErrorStream(true).start();
        // On standard input, not the command line, where any user could read the password.
        try (OutputStream in = process.getOutputStream()) {
            in.write(sql.toString().getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // Single-user mode reports a failed statement and goes on: its exit code alone proves nothing.
        if (process.waitFor() != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
            throw new IOException("Could not set the passwords of " + roles + " in " + dataDirectory + ":\n"
                    + output.replace(password, "<password>"));
        }
    }
}
