package org.credanalytics.audit;

import ch.qos.logback.core.AsyncAppenderBase;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import java.security.Principal;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line in the {@value #LOGGER} log for every request that changes something other than
 * events: admin actions (recompute, rebalance, …), minting embed tokens, and attempts at them that
 * were refused. Who (the key, as {@code key <id> (<prefix>)}, or {@code -} when none was
 * accepted), what (method, path and status), when, and from where (the client address). Ingest is
 * left out: its volume belongs in metrics, and every event carries its institution. The
 * operator's commands that change keys log here too ({@link #command}). Lines are logfmt
 * ({@code key=value}), with values quoted, so that log tools parse them.
 */
public final class AuditLog implements ContainerResponseFilter {
    public static final String LOGGER = "audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final Clock clock;

    @Context
    private HttpServletRequest servletRequest;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        if (!audited(method, path)) {
            return;
        }
        Principal principal = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        write(clock, principal == null ? "-" : principal.getName(), method + " /" + path,
                Integer.toString(response.getStatus()), servletRequest.getRemoteAddr());
    }

    /** An operator's command-line action, e.g. {@code keys revoke 7}: who is the OS user. */
    public static void command(Clock clock, String action, String outcome) {
        write(clock, "os user " + System.getProperty("user.name"), action, quoted(outcome), "command line");
        awaitWritten();
    }

    /**
     * Waits (at most 5 s) until the asynchronous appenders that the audit logger writes to have
     * written what they hold. A command's JVM ends right after its audit line, and Dropwizard's own
     * flush at the end of a command gives up after a short wait: on a busy machine the line was lost.
     */
    private static void awaitWritten() {
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean queued = false;
        for (ch.qos.logback.classic.Logger logger = context.getLogger(LOGGER); logger != null;
             logger = logger.isAdditive() ? parent(context, logger) : null) {
            for (var appenders = logger.iteratorForAppenders(); appenders.hasNext(); ) {
                if (appenders.next() instanceof AsyncAppenderBase<?> async) {
                    queued = true;
                    while (async.getNumberOfElementsInQueue() > 0 && System.nanoTime() < deadline) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    }
                }
            }
        }
        if (queued) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // the last line taken from a queue is being written
        }
    }

    private static ch.qos.logback.classic.Logger parent(ch.qos.logback.classic.LoggerContext context,
                                                        ch.qos.logback.classic.Logger logger) {
        return logger.getName().equals(org.slf4j.Logger.ROOT_LOGGER_NAME) ? null
                : context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** {@code status} as it is written: an HTTP status bare, a command's outcome quoted. */
    private static void write(Clock clock, String who, String action, String status, String from) {
        LOG.info("at={} who={} action={} status={} from={}", clock.instant(), quoted(who), quoted(action), status,
                quoted(from));
    }

    /** Everything under /v1 but reads and ingest. */
    static boolean audited(String method, String path) {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return false;
        }
        return path.startsWith("v1/") && !path.equals("v1/events") && !path.equals("v1/events/batch");
    }

    /** A logfmt value: quoted, with quotes, backslashes and control characters escaped. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
