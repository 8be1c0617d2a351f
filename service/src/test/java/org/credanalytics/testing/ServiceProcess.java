package org.credanalytics.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.credanalytics.AnalyticsApplication;

/**
 * The real service in a child JVM ({@code AnalyticsApplication server <config>}) on this test run's
 * class path, so a test can kill it with SIGKILL and start it again on the same database. Its
 * output goes to a log file whose tail is shown when it fails to start.
 */
public final class ServiceProcess implements AutoCloseable {
    /** The {@code application_name} of the child's database sessions, to find its statements in pg_stat_activity. */
    public static final String APPLICATION_NAME = "analytics-child-service";
    /** Exit status of a process ended by SIGKILL (128 + 9). */
    public static final int KILLED_BY_SIGKILL = 137;

    private final Path config;
    private final Path log;
    private final int port;
    private final int adminPort;
    private Process process;

    private ServiceProcess(Path config, Path log, int port, int adminPort) {
        this.config = config;
        this.log = log;
        this.port = port;
        this.adminPort = adminPort;
    }

    /** A service on the given database, not yet started, with the given {@code ingest} and {@code rollup} blocks. */
    public static ServiceProcess on(String url, String user, String password, String ingestYaml, String rollupYaml)
            throws IOException {
        Path dir = Files.createTempDirectory("analytics-child-");
        int port = freePort();
        int adminPort = freePort();
        String yaml = """
                server:
                  applicationConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: %d
                  adminConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: %d
                  shutdownGracePeriod: 1s
                  requestLog:
                    appenders: []
                database:
                  driverClass: org.postgresql.Driver
                  url: "%s"
                  user: "%s"
                  password: "%s"
                  initialSize: 1
                  minSize: 1
                  maxSize: 8
                  checkConnectionOnBorrow: true
                  validationInterval: 1s
                  properties:
                    connectTimeout: "5"
                    ApplicationName: %s
                ingest:
                %s
                rollup:
                %s
                auth:
                  bootstrapAdminKey: ${ANALYTICS_BOOTSTRAP_ADMIN_KEY}
                  cacheTtl: 10m
                logging:
                  level: WARN
                  appenders:
                    - type: console
                      threshold: WARN
                """.formatted(port, adminPort, url, user, password, APPLICATION_NAME,
                ingestYaml.indent(2).stripTrailing(), rollupYaml.indent(2).stripTrailing());
        Path config = dir.resolve("config.yml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        return new ServiceProcess(config, dir.resolve("service.log"), port, adminPort);
    }

    /**
     * Makes the child expect a synchronous standby of every database node (its {@code database-standbys}
     * health check fails for a node without one), polled every second.
     */
    public ServiceProcess expectingStandbys() throws IOException {
        Files.writeString(config, "replication:\n  expectStandbys: true\n  monitorInterval: 1s\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        return this;
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return adminPort;
    }

    /** Starts the child and waits until its health check answers, failing with its log if it exits first. */
    public void start() throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classPath, AnalyticsApplication.class.getName(), "server", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("ANALYTICS_BOOTSTRAP_ADMIN_KEY", TestKeys.ADMIN);
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!healthAnswers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String tail = logTail();
                close();
                throw new IllegalStateException("The child service did not start (alive=" + process.isAlive() + ")\n" + tail);
            }
            Thread.sleep(200);
        }
    }

    /** Kills the child with SIGKILL (what {@link Process#destroyForcibly()} sends on Linux) and returns its exit status. */
    public int killNine() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** Any answer from the admin health check, healthy or not, means the server is up. */
    private boolean healthAnswers() {
        try {
            healthStatus();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int healthStatus() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the child and removes its directory (its configuration holds the database password). */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
        try {
            Files.deleteIfExists(log);
            Files.deleteIfExists(config);
            Files.deleteIfExists(config.getParent());
        } catch (IOException e) {
            // a leftover temporary directory; nothing depends on it
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
