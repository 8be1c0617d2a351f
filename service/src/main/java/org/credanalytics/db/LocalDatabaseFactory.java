package org.credanalytics.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;
import org.credanalytics.local.AutoFailoverCluster;
import org.credanalytics.local.LocalCitusCluster;
import org.credanalytics.local.LocalDatabase;
import org.credanalytics.local.LocalPostgres;

/**
 * Configuration of the self-managed database used by the run command: one PostgreSQL, or with
 * {@code citus: true} a Citus coordinator and {@code citusWorkers} workers on consecutive ports
 * from {@code port}. When enabled, the service starts it before anything touches the database and
 * points the {@code database} block at it. With {@code replica: true} every node (the PostgreSQL, or
 * the coordinator and each worker) is a primary and a synchronous secondary under pg_auto_failover
 * ({@link AutoFailoverCluster}): the secondaries on their node's port plus
 * {@value AutoFailoverCluster#SECONDARY_PORT_OFFSET}, the monitor on {@code port} plus
 * {@value AutoFailoverCluster#MONITOR_PORT_OFFSET}; the data directory holds one directory per server.
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

    /** Automatic failover: a synchronous secondary of every node under pg_auto_failover ({@link AutoFailoverCluster}). */
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
        if (replica) {
            return new AutoFailoverCluster(Path.of(dataDirectory), port, database, true, citus, citusWorkers,
                    citusShardCount, group -> "");
        }
        if (citus) {
            return new LocalCitusCluster(Path.of(dataDirectory), port, database, true, citusWorkers, citusShardCount);
        }
        return new LocalPostgres(Path.of(dataDirectory), port, database, true);
    }
}
