package org.credanalytics;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.core.cli.Cli;
import java.util.Optional;

/**
 * What every command ({@code server}, {@code db}, {@code keys}) prints when it fails because of
 * the configuration: one line naming the setting, instead of a stack trace. Other failures are
 * left to Dropwizard, stack trace and all, because they are bugs to report.
 */
public final class StartupErrors {
    private StartupErrors() {
    }

    /** Prints the one-line explanation and returns true, or returns false for any other failure. */
    public static boolean explain(Cli cli, String command, Throwable failure) {
        Optional<String> line = explanation(failure);
        line.ifPresent(text -> cli.getStdErr().println(command + ": " + text));
        return line.isPresent();
    }

    static Optional<String> explanation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationProblem problem) {
                return Optional.of(problem.getMessage());
            }
            if (t instanceof ConfigurationException configuration) {
                // Dropwizard's message names the file and each setting, one per line: keep them on one.
                return Optional.of(configuration.getMessage().strip().replaceAll("\\s*\\n\\s*\\*?\\s*", " "));
            }
        }
        return Optional.empty();
    }
}
