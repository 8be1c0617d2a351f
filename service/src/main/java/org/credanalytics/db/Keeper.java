package org.credanalytics.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code pg_autoctl run} process (a pg_auto_failover keeper or monitor, and the PostgreSQL it
 * supervises) as the server's OS user, in a session of its own so that SIGKILL to its process
 * group takes the whole node at once. Its configuration and state live under the formation's
 * directory (XDG variables), never in the user's home; its output goes to {@code <node>.log} there.
 */
final class Keeper {
    private static final Logger LOG = LoggerFactory.getLogger(Keeper.class);
    static final String PG_AUTOCTL = "/usr/bin/pg_autoctl";
    private static final Pattern PID = Pattern.compile("\"pg_autoctl\"\\s*:\\s*\\{[^}]*?\"pid\"\\s*:\\s*(\\d+)");

    private final Path formation;
    private final String node;
    private final Path pgdata;
    /** Null for a keeper this JVM found running and did not start. */
    private final Process process;

    private Keeper(Path formation, String node, Path pgdata, Process process) {
        this.formation = formation;
        this.node = node;
        this.pgdata = pgdata;
        this.process = process;
    }

    /**
     * Starts {@code pg_autoctl run} for the node in {@code pgdata}, or, when a keeper already runs
     * there (the service's, seen from a {@code keys} or {@code db} command), uses it and never stops it.
     */
    static Keeper run(Path formation, String node, Path pgdata) throws IOException, InterruptedException {
        if (isRunning(formation, pgdata)) {
            return new Keeper(formation, node, pgdata, null);
        }
        List<String> command = new ArrayList<>(List.of("setsid", PG_AUTOCTL, "run", "--pgdata", pgdata.toString()));
        Path log = formation.resolve(node + ".log");
        Process process = builder(formation, command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new Keeper(formation, node, pgdata, process);
    }

    /** Runs a {@code pg_autoctl} command to its end; its output in the exception if it fails. */
    static String autoctl(Path formation, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PG_AUTOCTL));
        command.addAll(arguments);
        Process process = builder(formation, command).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("pg_autoctl " + String.join(" ", arguments) + " failed (exit " + process.exitValue()
                    + "):\n" + output);
        }
        return output;
    }

    private static ProcessBuilder builder(Path formation, List<String> command) throws IOException {
        Path home = formation.resolve("pg_autoctl");
        for (String sub : List.of("config", "share", "run")) {
            if (!Files.isDirectory(home.resolve(sub))) {
                Files.createDirectories(home.resolve(sub));
                OsUser.chownToServerUser(home);
                OsUser.chownToServerUser(home.resolve(sub));
            }
        }
        ProcessBuilder builder = new ProcessBuilder(OsUser.asServerUser(command)).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_DATA_HOME", home.resolve("share").toString());
        env.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
        env.put("HOME", home.toString());
        return builder;
    }

    private static boolean isRunning(Path formation, Path pgdata) throws IOException, InterruptedException {
        if (!Files.exists(pgdata.resolve("PG_VERSION"))) {
            return false;
        }
        Process status = builder(formation, List.of(PG_AUTOCTL, "status", "--pgdata", pgdata.toString())).start();
        status.getInputStream().readAllBytes();
        return status.waitFor() == 0;
    }

    /**
     * SIGKILL to the keeper's process group: the keeper, its services and its PostgreSQL. Returns
     * the {@link System#nanoTime()} just before the signal (finding the keeper's pid takes a while).
     */
    long kill() throws IOException, InterruptedException {
        long pid = keeperPid();
        long killedAt = System.nanoTime();
        new ProcessBuilder("kill", "-KILL", "--", "-" + pid).inheritIO().start().waitFor();
        // PostgreSQL's backends are in the same group; wait until the postmaster is gone.
        Path postmaster = pgdata.resolve("postmaster.pid");
        if (Files.exists(postmaster)) {
            long serverPid = Long.parseLong(Files.readAllLines(postmaster, StandardCharsets.UTF_8).get(0).trim());
            ProcessHandle.of(serverPid).ifPresent(h -> h.onExit().join());
        }
        if (process != null) {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return killedAt;
    }

    /** Stops the keeper and its PostgreSQL cleanly (fast shutdown), waiting up to a minute. */
    void stop() {
        try {
            if (process != null && process.isAlive()) {
                autoctl(formation, List.of("stop", "--pgdata", pgdata.toString()));
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    LOG.warn("{} did not stop within a minute; killing it", node);
                    kill();
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not stop {}: {}", node, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long keeperPid() throws IOException, InterruptedException {
        String status = autoctl(formation, List.of("status", "--pgdata", pgdata.toString(), "--json"));
        Matcher pid = PID.matcher(status);
        if (!pid.find()) {
            throw new IOException("pg_autoctl status printed no keeper pid for " + node + ":\n" + status);
        }
        return Long.parseLong(pid.group(1));
    }

    /** The last lines of the keeper's log, for a failure message. */
    String logTail() {
        Path log = formation.resolve(node + ".log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n" + node + ".log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
