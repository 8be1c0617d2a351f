package org.credanalytics.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.credanalytics.local.ConnectionFile;
import org.credanalytics.local.LocalCluster;

/**
 * {@code local-cluster run} in a child JVM on this test run's class path, as {@code scripts/run-local.sh}
 * starts it: ready once its connection file ({@code <dir>.env}) exists, stopped with SIGTERM. Its
 * output goes to {@code <dir>.log}, whose tail is shown when it fails to start.
 */
public final class LocalClusterProcess implements AutoCloseable {
    private final Path dataDirectory;
    private final Path log;
    private final Process process;

    private LocalClusterProcess(Path dataDirectory, Path log, Process process) {
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code run --dir dataDirectory --port <free> options...} with {@code environment} added to this JVM's. */
    public static LocalClusterProcess start(Path dataDirectory, int port, Map<String, String> environment,
                                            String... options) throws IOException {
        Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                LocalCluster.class.getName(), "run", "--dir", dataDirectory.toString(), "--port", String.valueOf(port)));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new LocalClusterProcess(dataDirectory, log, builder.start());
    }

    /** Waits until the servers are ready; fails with the log's tail if the process ends first. */
    public LocalClusterProcess awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!Files.exists(connectionFile().path())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("local-cluster did not get ready (alive=" + process.isAlive() + ")\n"
                        + output());
            }
            Thread.sleep(200);
        }
        return this;
    }

    /** Waits for the process to end by itself (a failed start) and returns its exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            throw new IllegalStateException("local-cluster is still running\n" + output());
        }
        return process.exitValue();
    }

    public ConnectionFile connectionFile() {
        return ConnectionFile.beside(dataDirectory);
    }

    /** {@code ANALYTICS_DB_URL}, {@code ANALYTICS_DB_USER}, {@code ANALYTICS_DB_PASSWORD}, as the file gives them. */
    public Map<String, String> serviceEnvironment() throws IOException {
        return connectionFile().read();
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM, as Ctrl-C or {@code kill} would send, then waits for the servers to stop; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
