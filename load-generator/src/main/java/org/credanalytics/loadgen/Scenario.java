package org.credanalytics.loadgen;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The load shapes of the issue, each a single deviation from {@link #STEADY}. The fractions here
 * are the documented contract; tests check the generated mixes against them.
 */
public enum Scenario {
    STEADY(0, 0, 0, 0, false),
    /** 2 s of 5x the rate in every 10 s. */
    BURST(0, 0, 0, 0, true),
    /** One institution takes half of all events. */
    HOT_TENANT(0.5, 0, 0, 0, false),
    /** 5% of events occurred 1 to 25 days ago (inside the service's default 30-day raw retention). */
    LATE(0, 0.05, 0, 0, false),
    /** 5% of batches are re-sent with the same event ids. */
    DUPLICATES(0, 0, 0.05, 0, false),
    /** 1% of batches contain an invalid event and must be rejected with a 4xx. */
    MIXED_BAD(0, 0, 0, 0.01, false);

    private final double hotTenantShare;
    private final double lateEventFraction;
    private final double resentBatchFraction;
    private final double invalidBatchFraction;
    private final boolean bursts;

    Scenario(double hotTenantShare, double lateEventFraction, double resentBatchFraction,
             double invalidBatchFraction, boolean bursts) {
        this.hotTenantShare = hotTenantShare;
        this.lateEventFraction = lateEventFraction;
        this.resentBatchFraction = resentBatchFraction;
        this.invalidBatchFraction = invalidBatchFraction;
        this.bursts = bursts;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public double hotTenantShare() {
        return hotTenantShare;
    }

    public double lateEventFraction() {
        return lateEventFraction;
    }

    public double resentBatchFraction() {
        return resentBatchFraction;
    }

    public double invalidBatchFraction() {
        return invalidBatchFraction;
    }

    public boolean bursts() {
        return bursts;
    }

    /** True when the scenario changes batches rather than single events, which files cannot express. */
    public boolean shapesBatches() {
        return resentBatchFraction > 0 || invalidBatchFraction > 0;
    }

    public static Scenario fromCliName(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Scenario scenario : values()) {
            if (scenario.cliName().equals(normalized)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; expected one of "
                + String.join(", ", new Names()));
    }

    @Override
    public String toString() {
        return cliName();
    }

    /** picocli conversion from the hyphenated names ({@code hot-tenant}). */
    public static final class Converter implements ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            try {
                return fromCliName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The names for picocli's completion candidates and {@code ${COMPLETION-CANDIDATES}}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(Scenario::cliName).iterator();
        }
    }
}
