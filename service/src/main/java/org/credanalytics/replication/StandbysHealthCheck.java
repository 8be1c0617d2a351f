package org.credanalytics.replication;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Whether every database node has a synchronous standby, when the deployment says it should
 * ({@code replication.expectStandbys}). Unhealthy, naming each node without one, because an
 * acknowledged write on that node is then on one server only (pg_auto_failover clears
 * {@code synchronous_standby_names} when the secondary is lost, so writes go on without it).
 * Without that expectation a node without standbys is the single-server set-up, and healthy.
 * Unhealthy too while the monitor has no snapshot younger than three of its intervals: then
 * nothing is known about the standbys (the failed polls are logged and counted).
 */
public final class StandbysHealthCheck extends HealthCheck {
    static final int MISSED_POLLS = 3;
    private final Supplier<Optional<StandbySnapshot>> latest;
    private final boolean expectStandbys;
    private final Duration maxAge;
    private final Clock clock;

    public StandbysHealthCheck(Supplier<Optional<StandbySnapshot>> latest, boolean expectStandbys, Duration interval,
                               Clock clock) {
        this.latest = latest;
        this.expectStandbys = expectStandbys;
        this.maxAge = interval.multipliedBy(MISSED_POLLS);
        this.clock = clock;
    }

    @Override
    protected Result check() {
        Optional<StandbySnapshot> found = latest.get();
        if (found.isEmpty()) {
            return Result.unhealthy("no replication poll has succeeded yet: the standbys of the database nodes are unknown");
        }
        StandbySnapshot snapshot = found.get();
        Duration age = Duration.between(snapshot.observedAt(), clock.instant());
        if (age.compareTo(maxAge) > 0) {
            return Result.unhealthy("the latest replication poll is %d s old (taken %s): the last %d failed",
                    age.toSeconds(), snapshot.observedAt(), MISSED_POLLS);
        }
        String summary = snapshot.nodes().stream().map(NodeStandbys::summary).collect(Collectors.joining("; "));
        List<NodeStandbys> alone = snapshot.nodes().stream().filter(n -> n.synchronous() == 0).toList();
        if (expectStandbys && !alone.isEmpty()) {
            return Result.unhealthy("%s. Nodes: %s", alone.stream()
                    .map(n -> "node " + n.node() + " has no synchronous standby: acknowledged writes are on one"
                            + " server only until its secondary is back")
                    .collect(Collectors.joining("; ")), summary);
        }
        return Result.healthy(summary);
    }
}
