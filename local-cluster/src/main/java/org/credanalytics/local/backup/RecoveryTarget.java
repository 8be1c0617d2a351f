package org.credanalytics.local.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where a restore stops replaying WAL; the restored server is then promoted to a primary. */
public sealed interface RecoveryTarget {
    /** The recovery settings for postgresql.conf. */
    String settings();

    /** Every transaction committed at or before {@code time}, none after it (on one server). */
    record Time(Instant time) implements RecoveryTarget {
        // PostgreSQL's timestamptz input does not take ISO-8601's 'T' and 'Z' in this setting.
        private static final DateTimeFormatter POSTGRES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
                .withZone(ZoneOffset.UTC);

        @Override
        public String settings() {
            return "recovery_target_time = '" + POSTGRES.format(time) + "'\n"
                    + "recovery_target_inclusive = on\n";
        }
    }

    /**
     * A named restore point: {@code pg_create_restore_point}, or on Citus
     * {@code citus_create_restore_point}, which writes the same name on every node at one
     * consistent moment across the cluster.
     */
    record RestorePoint(String name) implements RecoveryTarget {
        public RestorePoint {
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("A restore point name is letters, digits, '.', '_' and '-': " + name);
            }
        }

        @Override
        public String settings() {
            return "recovery_target_name = '" + name + "'\n";
        }
    }
}
