package org.credanalytics.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;

/**
 * Configuration of the self-managed database used by the run command: one PostgreSQL, or with
 * {@code citus: true} a Citus coordinator and {@code citusWorkers} workers on consecutive ports
 * from {@code port}. When enabled, the service starts it before anything touches the database and
 * points the {@code database} block at it. With {@code replica: true} the database gets a synchronous
 * streaming standby on {@code port + 1} (on Citus every node does, on its port plus
 * {@value LocalCitusCluster#STANDBY_PORT_OFFSET}), and the data directory holds one directory per server.
 */
public class LocalDatabaseFactory {
    @JsonProperty
    private boolean enabled;

    @NotEmpty
    @JsonProperty
    private String dataDirectory = "data/postgres";

    @Min(1)
    @Max(65535)
    @JsonProperty
    private int port = 55432;

    @NotEmpty
    @JsonProperty
    private String database = "analytics";

    @JsonProperty
    private boolean citus;

    /** A synchronous streaming standby of the database (of every node, on Citus): see {@link ReplicationPair}. */
    @JsonProperty
    private boolean replica;

    @Min(1)
    @Max(16)
    @JsonProperty
    private int citusWorkers = 2;

    @Min(1)
    @Max(1024)
    @JsonProperty
    private int citusShardCount = 12;

    public boolean isEnabled() {
        return enabled;
    }

    public LocalDatabase build() {
        if (citus) {
            return new LocalCitusCluster(Path.of(dataDirectory), port, database, true, citusWorkers, citusShardCount,
                    replica, node -> "");
        }
        if (replica) {
            return new ReplicatedPostgres(Path.of(dataDirectory), port, database, true);
        }
        return new LocalPostgres(Path.of(dataDirectory), port, database, true);
    }
}
