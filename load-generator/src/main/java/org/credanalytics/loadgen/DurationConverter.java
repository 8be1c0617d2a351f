package org.credanalytics.loadgen;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses the human durations used on the command line: {@code 60s}, {@code 500ms}, {@code 2m},
 * {@code 1h}, a bare number of seconds, or ISO-8601 ({@code PT1M}).
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("pt")) {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        Matcher m = SIMPLE.matcher(text);
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 60s, 500ms, 2m, 1h");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }
}
