package org.credanalytics.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The local-cluster command line ({@code java -jar local-cluster/target/local-cluster.jar}): runs the
 * local PostgreSQL or Citus servers that {@code scripts/run-local.sh} and the benchmark scripts point
 * the service at. A mistake (no binaries, a lost password file) is one line on standard error.
 */
@Command(name = "local-cluster", mixinStandardHelpOptions = true, subcommands = RunCommand.class,
        description = "Local PostgreSQL and Citus servers for development, tests and benchmarks.")
public final class LocalCluster {
    private LocalCluster() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            // Its own name, so that it never stands in for the configuration of a program this jar is on the classpath of.
            System.setProperty("logback.configurationFile", "local-cluster-logback.xml");
        }
        CommandLine commandLine = new CommandLine(LocalCluster.class)
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    line.getErr().println(line.getCommandName() + ": " + e.getMessage());
                    return 1;
                });
        System.exit(commandLine.execute(args));
    }
}
