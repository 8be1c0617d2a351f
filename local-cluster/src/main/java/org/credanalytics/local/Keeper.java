package org.credanalytics.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * there (left by a killed run, or another program's), uses it and never stops it.
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
        // The keeper, its pg_basebackup and its PostgreSQL (monitor health checks, replication) log in with it.
        env.put("PGPASSFILE", ServerPassword.beside(formation).serverPassfile().toString());
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
     * Stops the whole node at one instant, as a machine that dies would: SIGSTOP, then SIGKILL, to
     * the keeper's process group and to every process of its PostgreSQL. The group alone is not
     * enough: each PostgreSQL backend leads a process group of its own (postmaster children call
     * {@code setsid}), and a backend that outlives its postmaster by a few milliseconds can still
     * finish a commit, cancel its wait for the synchronous standby and, on a Citus coordinator,
     * commit the workers' prepared transactions of a transaction its standby never received.
     * Returns the {@link System#nanoTime()} of the freeze (finding the keeper's pid takes a while).
     */
    long kill() throws IOException, InterruptedException {
        long pid = keeperPid();
        Path postmasterPidFile = pgdata.resolve("postmaster.pid");
        Optional<ProcessHandle> postmaster = Files.exists(postmasterPidFile)
                ? ProcessHandle.of(Long.parseLong(Files.readAllLines(postmasterPidFile, StandardCharsets.UTF_8).get(0).trim()))
                : Optional.empty();
        List<Long> backends = descendants(postmaster);
        long killedAt = System.nanoTime();
        signal("-STOP", pid, backends);
        // Frozen, the postmaster forks no more; a backend forked since the first listing is stopped now.
        backends = descendants(postmaster);
        signal("-STOP", pid, backends);
        signal("-KILL", pid, backends);
        if (process != null) {
            // runuser, outside the group, stopped itself when its child did (as su does); it must
            // go on to reap the keeper, or the keeper's pid file names a zombie that is "running".
            signal("-CONT", process.pid());
        }
        postmaster.ifPresent(h -> h.onExit().join());
        for (long backend : backends) {
            ProcessHandle.of(backend).ifPresent(h -> h.onExit().join());
        }
        if (process != null) {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return killedAt;
    }

    private static List<Long> descendants(Optional<ProcessHandle> postmaster) {
        return postmaster.map(h -> h.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    /** One {@code kill} for the keeper's process group and the given processes. */
    private static void signal(String signal, long group, List<Long> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal, "--", "-" + group));
        pids.forEach(p -> command.add(Long.toString(p)));
        // A process that exited meanwhile makes kill report an error for it alone; the others are signalled.
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
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
