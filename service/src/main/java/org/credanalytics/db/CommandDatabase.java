package org.credanalytics.db;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.local.LocalDatabase;
import org.jdbi.v3.core.Jdbi;

/**
 * The database of a command-line command ({@code db}, {@code keys}), read from the configuration
 * exactly as the server reads it: the local server when {@code localDatabase} is enabled, then a
 * pool built by the same {@code DataSourceFactory} with the same user, password (also unset) and
 * connection properties. A local server already running, a service's, is used as it is; one
 * started here is stopped again by {@link #close()}, and no other.
 */
public final class CommandDatabase implements AutoCloseable {
    private final LocalDatabase local;
    private final ManagedDataSource dataSource;

    private CommandDatabase(LocalDatabase local, ManagedDataSource dataSource) {
        this.local = local;
        this.dataSource = dataSource;
    }

    public static CommandDatabase open(AnalyticsConfiguration configuration, String name) throws Exception {
        LocalDatabase local = null;
        if (configuration.getLocalDatabase().isEnabled()) {
            local = configuration.getLocalDatabase().build();
            local.start();
            configuration.useLocalDatabase(local);
        }
        DatabaseProbe.requireReachable(configuration.getDatabase());
        return new CommandDatabase(local, configuration.getDatabase().build(new MetricRegistry(), name));
    }

    public DatabaseMigrator migrator() {
        return new DatabaseMigrator(dataSource);
    }

    public Jdbi jdbi() {
        return AnalyticsJdbi.install(Jdbi.create(dataSource));
    }

    @Override
    public void close() throws Exception {
        try {
            dataSource.stop();
        } finally {
            if (local != null) {
                local.stop();
            }
        }
    }
}
