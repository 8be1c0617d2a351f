package org.credanalytics.db;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.StartupErrors;
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
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!StartupErrors.explain(cli, "db", e)) {
            super.onError(cli, namespace, e);
        }
    }

    @Override
    protected void run(Bootstrap<AnalyticsConfiguration> bootstrap, Namespace namespace,
                       AnalyticsConfiguration configuration) throws Exception {
        try (CommandDatabase database = CommandDatabase.open(configuration, "db-command")) {
            DatabaseMigrator migrator = database.migrator();
            if ("migrate".equals(namespace.getString("action"))) {
                migrator.migrate();
            }
            for (MigrationInfo info : migrator.info()) {
                System.out.printf("%-6s %-40s %s%n", info.getVersion(), info.getDescription(), info.getState());
            }
        }
    }
}
