package org.credanalytics.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.credanalytics.AnalyticsApplication;

/**
 * Runs the service's command line in a child JVM, as {@code java -jar analytics-service.jar
 * COMMAND ... CONFIG} would, and returns its exit code and output (stdout and stderr together).
 */
public final class ChildCommand {
    private ChildCommand() {
    }

    public record Run(int exitCode, String out) {
        /** Lines of a printed stack trace, Dropwizard's ("! at ...") or Java's ("\tat ..."). */
        public List<String> stackTraceLines() {
            return out.lines().filter(line -> line.matches("\\s*(!\\s*)?at [\\w.$]+\\(.*")).toList();
        }
    }

    public static Run run(Path config, Map<String, String> environment, String... args) throws Exception {
        // A command lives seconds: the C1 compiler alone starts it with about a third less CPU.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), AnalyticsApplication.class.getName()));
        command.addAll(List.of(args));
        command.add(config.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("ANALYTICS_DB_PASSWORD");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), out);
    }

    /** {@code test-config.yml} as text, pointed at the test database. */
    public static String testConfig() {
        TestDatabase db = TestDatabase.get();
        try (InputStream in = ChildCommand.class.getClassLoader().getResourceAsStream("test-config.yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("url: set-by-the-test", "url: \"" + db.url() + "\"")
                    .replace("user: set-by-the-test", "user: \"" + db.user() + "\"")
                    .replace("password: \"\"", "password: \"" + db.password() + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
