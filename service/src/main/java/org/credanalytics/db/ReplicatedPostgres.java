package org.credanalytics.db;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A local PostgreSQL with a synchronous streaming standby ({@link ReplicationPair}): node A in
 * {@code directory/node-a} on {@code port}, node B in {@code directory/node-b} on {@code port + 1}.
 * Clients get a multi-host URL with {@code targetServerType=primary}, so they reach whichever node
 * is the primary, and find the new one by themselves after a failover.
 */
public final class ReplicatedPostgres implements LocalDatabase {
    private final ReplicationPair pair;
    private final String url;

    public ReplicatedPostgres(Path directory, int port, String database, boolean durable) {
        Path dir = directory.toAbsolutePath().normalize();
        LocalPostgres a = new LocalPostgres(dir.resolve("node-a"), port, database, durable, ReplicationPair.SETTINGS);
        LocalPostgres b = new LocalPostgres(dir.resolve("node-b"), port + 1, database, durable, ReplicationPair.SETTINGS);
        this.pair = new ReplicationPair(a, b, durable);
        this.url = primaryUrl(database, port, port + 1);
    }

    /** A non-durable pair in a fresh temporary directory on free ports, removed at JVM exit. */
    public static ReplicatedPostgres throwaway(String database) throws IOException {
        Path dir = LocalPostgres.temporaryDirectory();
        ReplicatedPostgres replicated = new ReplicatedPostgres(dir, LocalCitusCluster.freePortRange(2), database, false);
        LocalPostgres.removeAtExit(dir, replicated);
        return replicated;
    }

    /**
     * A URL that reaches whichever of the servers on {@code ports} (on this machine) is the primary. A node found to be a standby, or
     * down, is skipped for {@code hostRecheckSeconds} before it is asked again.
     */
    static String primaryUrl(String database, int... ports) {
        StringBuilder hosts = new StringBuilder();
        for (int port : ports) {
            hosts.append(hosts.length() == 0 ? "" : ",").append("127.0.0.1:").append(port);
        }
        return "jdbc:postgresql://" + hosts + "/" + database + "?targetServerType=primary&hostRecheckSeconds=1";
    }

    public ReplicationPair pair() {
        return pair;
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    public void start() throws Exception {
        pair.start();
    }

    @Override
    public void stop() {
        pair.stop();
    }
}
