package org.credanalytics;

/**
 * A mistake in the configuration (or the environment it reads), with a message that names the
 * setting to change. The commands print such a failure as that one line, not as a stack trace.
 */
public class ConfigurationProblem extends IllegalStateException {
    public ConfigurationProblem(String message) {
        super(message);
    }

    public ConfigurationProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
