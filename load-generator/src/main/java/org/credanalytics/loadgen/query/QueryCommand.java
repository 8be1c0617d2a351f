package org.credanalytics.loadgen.query;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.credanalytics.loadgen.DurationConverter;
import org.credanalytics.loadgen.ServiceOptions;
import org.credanalytics.loadgen.TenantOptions;
import org.credanalytics.loadgen.ingest.IngestRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code query}: drives the dashboard endpoints open-loop and reports latency per endpoint. */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Request dashboard endpoints at a fixed rate (open loop) with realistic ranges, "
                + "and report latency per endpoint measured from each request's intended send time."})
public final class QueryCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service = new ServiceOptions();

    @Mixin
    TenantOptions tenants = new TenantOptions();

    @Option(names = "--rate", defaultValue = "200", description = "Requests per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to send (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "0s", converter = DurationConverter.class,
            description = "Send at the same rate this long first, unmeasured: JIT, caches and pools warm up "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--concurrency", defaultValue = "16", description = "Requests in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--tz", defaultValue = "UTC", description = "Time zone parameter of the requests (default: ${DEFAULT-VALUE}).")
    String tz;

    @Option(names = "--request-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Timeout of one request (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(names = "--endpoints", split = ",", converter = EndpointConverter.class,
            description = "Only these endpoints, comma-separated: activity, summary, summary-compared, geo, "
                    + "credential-types, funnel, platform-institutions, platform-geo (default: all but summary-compared, "
                    + "weighted as dashboards use them; summary-compared, chosen, as often as the others on average).")
    List<Endpoint> endpoints;

    @Option(names = "--range-days", defaultValue = "0",
            description = "Every request covers this many days up to today (default: a realistic mix of 7 to 365).")
    int rangeDays;

    @Option(names = "--granularity", description = "Activity granularity day, week or month (default: suits the range).")
    String granularity;

    @Option(names = "--format", defaultValue = "json", converter = FormatConverter.class,
            description = "Answer format json or csv; csv adds format=csv to every request (default: ${DEFAULT-VALUE}).")
    ResponseFormat format;

    @Option(names = "--revalidate",
            description = "Send each path's last ETag in If-None-Match, as a refreshing dashboard does; a 304 counts as "
                    + "success and in not_modified. Paths repeat more with fewer --institutions and a fixed --range-days.")
    boolean revalidate;

    @Override
    public Integer call() throws InterruptedException {
        QueryReport result = run(settings(), System.out);
        service.writeReport(result);
        return result.errors() == 0 ? 0 : 1;
    }

    /** Parses {@code query} arguments (as on the command line) into settings, for programmatic use. */
    public static QuerySettings settingsFrom(String... args) {
        QueryCommand command = new QueryCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    QuerySettings settings() {
        return new QuerySettings(service.target(), rate, duration, warmup, concurrency,
                tenants.institutions(), tenants.skew(), tenants.seed(), service.apiKey(), tz, requestTimeout,
                new QueryMix(endpoints == null ? QueryMix.REALISTIC.endpoints() : endpoints, rangeDays, granularity, format),
                revalidate);
    }

    /** Reads an endpoint by its report name. */
    static final class EndpointConverter implements ITypeConverter<Endpoint> {
        @Override
        public Endpoint convert(String value) {
            try {
                return Endpoint.byReportName(value.trim());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads {@code json} or {@code csv}. */
    static final class FormatConverter implements ITypeConverter<ResponseFormat> {
        @Override
        public ResponseFormat convert(String value) {
            try {
                return ResponseFormat.byName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Runs a query load with the given settings and returns its report. */
    public static QueryReport run(QuerySettings settings, PrintStream out) throws InterruptedException {
        return new QueryRun(settings, out, IngestRun.defaultClient()).run();
    }
}
