package org.credanalytics;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/** Dropwizard's {@code server} command, which prints a configuration mistake as one line. */
final class AnalyticsServerCommand extends ServerCommand<AnalyticsConfiguration> {
    AnalyticsServerCommand(AnalyticsApplication application) {
        super(application);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!StartupErrors.explain(cli, getName(), e)) {
            super.onError(cli, namespace, e);
        }
    }
}
