package org.credanalytics.db;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import org.credanalytics.AnalyticsConfiguration;
import org.jdbi.v3.core.Jdbi;

/**
 * The database of a command-line command ({@code db}, {@code keys}), read from the configuration
 * exactly as the server reads it: a pool built by the same {@code DataSourceFactory} with the same
 * URL, user, password (also unset) and connection properties.
 */
public final class CommandDatabase implements AutoCloseable {
    private final ManagedDataSource dataSource;

    private CommandDatabase(ManagedDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static CommandDatabase open(AnalyticsConfiguration configuration, String name) throws Exception {
        DatabaseProbe.requireReachable(configuration.getDatabase());
        return new CommandDatabase(configuration.getDatabase().build(new MetricRegistry(), name));
    }

    public DatabaseMigrator migrator() {
        return new DatabaseMigrator(dataSource);
    }

    public Jdbi jdbi() {
        return AnalyticsJdbi.install(Jdbi.create(dataSource));
    }

    @Override
    public void close() throws Exception {
        dataSource.stop();
    }
}
