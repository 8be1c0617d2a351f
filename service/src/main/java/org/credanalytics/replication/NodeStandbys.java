package org.credanalytics.replication;

/**
 * One database node's physical standbys as the node itself reports them: how many are connected,
 * how many of those are synchronous, whether its commits wait for a synchronous one
 * ({@code synchronous_standby_names} is set), and the furthest-behind replay.
 */
public record NodeStandbys(String node, long standbys, long synchronous, boolean requiresSynchronous,
                           double replayLagSeconds, long replayLagBytes) {

    NodeStandbys withNode(String label) {
        return new NodeStandbys(label, standbys, synchronous, requiresSynchronous, replayLagSeconds, replayLagBytes);
    }

    /** e.g. {@code 127.0.0.1:5432: 1 standby (1 synchronous), replay lag 0.002 s / 120 B}. */
    String summary() {
        return "%s: %d standby%s (%d synchronous%s), replay lag %.3f s / %d B".formatted(node, standbys,
                standbys == 1 ? "" : "s", synchronous, requiresSynchronous ? ", required" : "", replayLagSeconds,
                replayLagBytes);
    }
}
