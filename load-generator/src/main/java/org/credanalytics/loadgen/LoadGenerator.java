package org.credanalytics.loadgen;

import org.credanalytics.loadgen.gen.GenerateCommand;
import org.credanalytics.loadgen.gen.SelftestThroughputCommand;
import org.credanalytics.loadgen.history.HistoryCommand;
import org.credanalytics.loadgen.ingest.IngestCommand;
import org.credanalytics.loadgen.query.QueryCommand;
import org.credanalytics.loadgen.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the load generator: a picocli command whose subcommands drive the ingest API
 * ({@code ingest}), the dashboard API ({@code query}), the history import API ({@code history}),
 * check what was stored ({@code verify}) and produce events offline ({@code generate},
 * {@code selftest-throughput}).
 */
@Command(name = "load-generator",
        mixinStandardHelpOptions = true,
        version = "load-generator 0.1.0",
        description = "Open-loop load generator for the credential analytics service.",
        subcommands = {
            IngestCommand.class,
            QueryCommand.class,
            VerifyCommand.class,
            HistoryCommand.class,
            GenerateCommand.class,
            SelftestThroughputCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LoadGenerator implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new LoadGenerator());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
