package org.credanalytics.local;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: starts the servers (creating them in {@code --dir} at the first run, reusing them
 * after), writes what the service needs to connect ({@link ConnectionFile}), and stays in the
 * foreground until SIGTERM or Ctrl-C, which stop the servers it started. The connection file exists
 * only while the servers are ready, so a script waits for it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start local servers, write <dir>.env, and run until stopped (SIGTERM, Ctrl-C).")
final class RunCommand implements Callable<Integer> {
    enum Engine { postgres, citus }

    @Option(names = "--engine", defaultValue = "postgres", description = "postgres or citus (default: ${DEFAULT-VALUE})")
    Engine engine;

    @Option(names = "--replicated", description = "every node a primary and a synchronous secondary under pg_auto_failover")
    boolean replicated;

    @Option(names = "--dir", required = true, description = "the data directory; its password and connection files go beside it")
    Path dir;

    @Option(names = "--port", defaultValue = "55432", description = "the first port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--database", defaultValue = "analytics", description = "the database to create (default: ${DEFAULT-VALUE})")
    String database;

    @Option(names = "--workers", defaultValue = "2", description = "Citus workers (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--shards", defaultValue = "12", description = "Citus shards per distributed table (default: ${DEFAULT-VALUE})")
    int shards;

    @Override
    public Integer call() throws Exception {
        ConnectionFile connection = ConnectionFile.beside(dir);
        connection.delete(); // a stale one from a killed run must not look ready
        LocalDatabase servers = servers();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            connection.delete();
            servers.stop();
            stopped.countDown();
        }, "local-cluster-stop"));
        servers.start();
        connection.write(servers.jdbcUrl(), LocalPostgres.SUPERUSER, servers.password().value());
        System.out.println("local-cluster: ready at " + servers.jdbcUrl() + "; connection settings in " + connection.path());
        System.out.flush();
        stopped.await(); // the shutdown hook ends the JVM; this only keeps it in the foreground until then
        return 0;
    }

    private LocalDatabase servers() {
        if (replicated) {
            return new AutoFailoverCluster(dir, port, database, true, engine == Engine.citus, workers, shards, group -> "");
        }
        if (engine == Engine.citus) {
            return new LocalCitusCluster(dir, port, database, true, workers, shards);
        }
        return new LocalPostgres(dir, port, database, true);
    }
}
