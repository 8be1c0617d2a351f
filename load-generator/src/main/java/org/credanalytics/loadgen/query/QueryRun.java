package org.credanalytics.loadgen.query;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.credanalytics.loadgen.Urls;
import org.credanalytics.loadgen.schedule.LatencySummary;
import org.credanalytics.loadgen.schedule.NanoClock;
import org.credanalytics.loadgen.schedule.OpenLoopRunner;
import org.credanalytics.loadgen.schedule.PercentileTable;
import org.credanalytics.loadgen.schedule.RateSchedule;
import org.credanalytics.loadgen.schedule.Scheduled;

/**
 * One open-loop query run: dashboard requests are due at a fixed rate and each one's latency runs
 * from its due time, per endpoint and in total. Requests are not retried; a dashboard user who
 * gets an error sees an error. With {@code revalidate}, each request sends the {@code ETag} last
 * seen for its path in {@code If-None-Match} (the warm-up fills them too), and a 304 to it is a
 * success; its latency is measured the same way, from the due time.
 */
public final class QueryRun {
    private final QuerySettings settings;
    private final PrintStream out;
    private final HttpClient client;
    private final NanoClock clock = NanoClock.SYSTEM;
    private final EndpointStats total = new EndpointStats();
    private final Map<Endpoint, EndpointStats> byEndpoint = new EnumMap<>(Endpoint.class);
    private final EtagCache etags = new EtagCache();
    private long okAtLastTick;

    public QueryRun(QuerySettings settings, PrintStream out, HttpClient client) {
        this.settings = settings;
        this.out = out;
        this.client = client;
        for (Endpoint endpoint : Endpoint.values()) {
            byEndpoint.put(endpoint, new EndpointStats());
        }
    }

    public QueryReport run() throws InterruptedException {
        QueryPlanner planner = new QueryPlanner(settings.seed(), settings.institutions(), settings.skew(),
                settings.tz(), Clock.systemUTC(), settings.mix());
        if (!settings.warmup().isZero()) {
            out.printf(Locale.ROOT, "warm-up: %.0f requests/s for %s, not measured%n", settings.rate(), settings.warmup());
            runner(settings.warmup().toNanos()).run(planner::next, this::send, second -> { });
        }
        out.printf(Locale.ROOT, "query run: %.0f requests/s for %s, concurrency %d%s -> %s%n",
                settings.rate(), settings.duration(), settings.concurrency(), variant(), settings.target());
        OpenLoopRunner.Summary summary = runner(settings.duration().toNanos()).run(planner::next, this::handle, this::tick);
        double seconds = summary.elapsedNanos() / 1e9;
        Map<String, EndpointReport> endpoints = new LinkedHashMap<>();
        out.println();
        for (Map.Entry<Endpoint, EndpointStats> entry : byEndpoint.entrySet()) {
            endpoints.put(entry.getKey().reportName(), entry.getValue().report());
        }
        Histogram all = total.latency.total();
        PercentileTable.print(out, "all endpoints", all);
        for (Map.Entry<String, EndpointReport> entry : endpoints.entrySet()) {
            EndpointReport e = entry.getValue();
            out.printf(Locale.ROOT, "  %-22s sent %7d  ok %7d  errors %6d  304 %7d  p50 %8.1f  p99 %8.1f  max %8.1f ms%n",
                    entry.getKey(), e.sent(), e.ok(), e.errors(), e.notModified(), e.latencyMs().p50(),
                    e.latencyMs().p99(), e.latencyMs().max());
        }
        if (settings.revalidate()) {
            // Few 304s with few tags kept means paths rarely repeat: fewer --institutions, a fixed --range-days.
            out.printf(Locale.ROOT, "revalidation: %d of %d answers were 304, tags kept for %d paths%n",
                    total.notModified.sum(), total.sent.sum(), etags.size());
        }
        long ok = total.ok.sum();
        return new QueryReport(settings.seed(), settings.rate(), seconds > 0 ? Math.round(ok / seconds * 10) / 10.0 : 0,
                total.sent.sum(), ok, total.errors.sum(), LatencySummary.of(all), Math.round(seconds * 1000) / 1000.0,
                endpoints, total.notModified.sum());
    }

    private OpenLoopRunner<DashboardRequest> runner(long durationNanos) {
        return new OpenLoopRunner<>(RateSchedule.steady(settings.rate(), 1), durationNanos,
                settings.requestTimeout().toNanos(), settings.concurrency(), clock);
    }

    private void handle(Scheduled<DashboardRequest> scheduled) {
        Outcome outcome = send(scheduled);
        long latency = clock.nanoTime() - scheduled.intendedNanos();
        total.record(outcome.status(), outcome.answered(), outcome.conditional(), latency);
        byEndpoint.get(scheduled.item().endpoint())
                .record(outcome.status(), outcome.answered(), outcome.conditional(), latency);
    }

    /**
     * An HTTP status, or 0 with answered = true for a timeout and false for a failed connection;
     * conditional when the request sent {@code If-None-Match}.
     */
    private record Outcome(int status, boolean answered, boolean conditional) {
    }

    private Outcome send(Scheduled<DashboardRequest> scheduled) {
        DashboardRequest planned = scheduled.item();
        HttpRequest.Builder builder = HttpRequest.newBuilder(Urls.under(settings.target(), planned.pathAndQuery()))
                .timeout(settings.requestTimeout())
                .header("Accept", settings.mix().format().mediaType())
                .GET();
        if (settings.apiKey() != null) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        Optional<String> tag = settings.revalidate() ? etags.tagFor(planned.pathAndQuery()) : Optional.empty();
        tag.ifPresent(t -> builder.header("If-None-Match", t));
        int status = 0;
        boolean answered = false;
        try {
            HttpResponse<Void> response = client.send(builder.build(), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            answered = true;
            if (settings.revalidate()) {
                etags.remember(planned.pathAndQuery(), status, response.headers().firstValue("ETag"));
            }
        } catch (HttpTimeoutException e) {
            answered = true;
        } catch (IOException e) {
            answered = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Outcome(status, answered, tag.isPresent());
    }

    /** What differs from a plain JSON run, for the first line. */
    private String variant() {
        ResponseFormat format = settings.mix().format();
        return (format == ResponseFormat.JSON ? "" : ", " + format.cliName()) + (settings.revalidate() ? ", revalidating" : "");
    }

    private void tick(int second) {
        Histogram interval = total.latency.nextInterval();
        long ok = total.ok.sum();
        out.printf(Locale.ROOT, "[%4ds] target %6.0f/s  achieved %6d/s  p50 %8.1f ms  p99 %8.1f ms  errors %d%n",
                second, second * 1_000_000_000L - 500_000_000L < settings.duration().toNanos() ? settings.rate() : 0,
                ok - okAtLastTick, percentile(interval, 50), percentile(interval, 99),
                total.errors.sum());
        okAtLastTick = ok;
    }

    private static double percentile(Histogram micros, double p) {
        return micros.getTotalCount() == 0 ? 0 : LatencySummary.millis(micros.getValueAtPercentile(p));
    }
}
