package org.credanalytics.retention;

import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/** One daily partition of {@code analytics_events}: its name, bounds and access method. */
public record Partition(String name, OffsetDateTime starts, OffsetDateTime ends, String accessMethod) {
    private static final Pattern OWN_NAME = Pattern.compile("analytics_events_p[0-9]{8}");

    /** Only partitions the service named itself are ever dropped (and their names rendered into DDL). */
    boolean isOwn() {
        return OWN_NAME.matcher(name).matches();
    }
}
