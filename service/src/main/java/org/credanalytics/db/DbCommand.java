package org.credanalytics.db;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.DataSourceFactory;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.credanalytics.AnalyticsConfiguration;
import org.flywaydb.core.api.MigrationInfo;

/** {@code db migrate|info CONFIG}: applies or lists the schema migrations without starting the server. */
public final class DbCommand extends ConfiguredCommand<AnalyticsConfiguration> {
    public DbCommand() {
        super("db", "Apply (migrate) or list (info) the database schema migrations");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate", "info").help("migrate: apply pending migrations; info: list them");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<AnalyticsConfiguration> bootstrap, Namespace namespace,
                       AnalyticsConfiguration configuration) throws Exception {
        LocalDatabase local = configuration.getLocalDatabase().isEnabled() ? configuration.getLocalDatabase().build() : null;
        try {
            if (local != null) {
                local.start();
                configuration.useLocalDatabase(local);
            }
            DataSourceFactory database = configuration.getDatabase();
            DatabaseMigrator migrator = DatabaseMigrator.forDataSource(database);
            if ("migrate".equals(namespace.getString("action"))) {
                migrator.migrate();
            }
            for (MigrationInfo info : migrator.info()) {
                System.out.printf("%-6s %-40s %s%n", info.getVersion(), info.getDescription(), info.getState());
            }
        } finally {
            if (local != null) {
                local.stop();
            }
        }
    }
}
