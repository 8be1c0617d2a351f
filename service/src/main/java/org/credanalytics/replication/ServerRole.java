package org.credanalytics.replication;

/**
 * The database server the service's connections reach: its address, whether it is a standby, its
 * timeline (a promotion starts a new one), and its standbys: all, streaming, and synchronous ones.
 */
public record ServerRole(String address, boolean inRecovery, long timeline, String synchronousStandbyNames,
                         long standbys, long streaming, long synchronous, double replayLagSeconds) {

    /** Whether commits wait for a synchronous standby ({@code synchronous_standby_names} is set). */
    public boolean requiresSynchronousStandby() {
        return !synchronousStandbyNames.isBlank();
    }
}
