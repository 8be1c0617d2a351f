package org.credanalytics.replication;

import com.codahale.metrics.health.HealthCheck;
import java.util.function.Supplier;

/**
 * Which server is the primary, and whether an acknowledged write is on more than one. Unhealthy
 * when the service's connections reach a standby, or when commits wait for a synchronous standby
 * that is not connected (every write then blocks). A primary without standbys is healthy: that
 * is the single-server set-up, and the message says so.
 */
public final class PrimaryHealthCheck extends HealthCheck {
    private final Supplier<ServerRole> role;

    public PrimaryHealthCheck(Supplier<ServerRole> role) {
        this.role = role;
    }

    @Override
    protected Result check() {
        ServerRole server = role.get();
        if (server.inRecovery()) {
            return Result.unhealthy("connected to %s, a standby (read-only): the database URL must reach the primary,"
                    + " e.g. with several hosts and targetServerType=primary", server.address());
        }
        String primary = "primary %s (timeline %d)".formatted(server.address(), server.timeline());
        if (server.requiresSynchronousStandby() && server.synchronous() == 0) {
            return Result.unhealthy("%s: commits wait for a synchronous standby (%s) and none is connected"
                    + " (%d standbys, %d streaming)", primary, server.synchronousStandbyNames(), server.standbys(),
                    server.streaming());
        }
        if (server.standbys() == 0) {
            return Result.healthy("%s, no standby: acknowledged events are on this server only", primary);
        }
        return Result.healthy("%s, %d standbys (%d streaming, %d synchronous), replay lag %.3f s", primary,
                server.standbys(), server.streaming(), server.synchronous(), server.replayLagSeconds());
    }
}
