package org.credanalytics.loadgen.query;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SplittableRandom;
import org.credanalytics.loadgen.gen.ZipfSampler;

/**
 * Draws dashboard requests like users make them: institutions by the same Zipf law as the events,
 * ranges of the last 7, 30, 90 or 365 days (short ones most often), and a granularity that suits
 * the range. Ranges end with today, {@code to} being exclusive. Deterministic for a seed and a date.
 * The same institution, range and granularity give the same path, so with few institutions and a
 * pinned range paths repeat, as a dashboard that refreshes repeats them.
 */
public final class QueryPlanner {
    static final int[] RANGE_DAYS = {7, 30, 90, 365};
    private static final double[] RANGE_CUMULATIVE = {0.40, 0.70, 0.90, 1.0};

    private final SplittableRandom random;
    private final ZipfSampler institutions;
    private final Clock clock;
    private final String tz;
    private final Endpoint[] endpoints;
    private final double[] endpointCumulative;
    private final QueryMix mix;

    public QueryPlanner(long seed, int institutions, double skew, String tz, Clock clock) {
        this(seed, institutions, skew, tz, clock, QueryMix.REALISTIC);
    }

    public QueryPlanner(long seed, int institutions, double skew, String tz, Clock clock, QueryMix mix) {
        this.mix = mix;
        this.endpoints = mix.endpoints().toArray(Endpoint[]::new);
        this.random = new SplittableRandom(seed);
        this.institutions = new ZipfSampler(institutions, skew);
        // "Today" is today where the dashboard user is.
        this.clock = clock.withZone(ZoneId.of(tz));
        this.tz = URLEncoder.encode(tz, StandardCharsets.UTF_8);
        double[] weights = mix.weights();
        this.endpointCumulative = new double[endpoints.length];
        double sum = 0;
        for (int i = 0; i < endpoints.length; i++) {
            sum += weights[i];
            endpointCumulative[i] = sum;
        }
        for (int i = 0; i < endpoints.length; i++) {
            endpointCumulative[i] /= sum;
        }
    }

    public DashboardRequest next(long index) {
        Endpoint endpoint = endpoints[pick(endpointCumulative)];
        int days = mix.rangeDays() > 0 ? mix.rangeDays() : RANGE_DAYS[pick(RANGE_CUMULATIVE)];
        // "Last N days" including today; the service takes 'to' as exclusive, so it is tomorrow.
        LocalDate to = LocalDate.now(clock).plusDays(1);
        String range = "from=" + to.minusDays(days) + "&to=" + to;
        long institution = institutions.sample(random);
        String parameters = switch (endpoint) {
            case ACTIVITY -> "&granularity=" + granularity(days) + "&tz=" + tz;
            case GEO, SUMMARY, FUNNEL -> "&tz=" + tz;
            case CREDENTIAL_TYPES -> "&tz=" + tz + "&limit=10";
            case SUMMARY_COMPARED -> "&tz=" + tz + "&compare=previous_period";
            case PLATFORM_INSTITUTIONS -> "&limit=20";
            case PLATFORM_GEO -> "";
        };
        return new DashboardRequest(endpoint,
                endpoint.path(institution) + "?" + range + parameters + mix.format().queryParameter());
    }

    /** Days for a week, days or weeks for a month or quarter, weeks or months for a year. */
    private String granularity(int days) {
        double u = random.nextDouble();
        if (mix.granularity() != null) {
            return mix.granularity();
        }
        return switch (days) {
            case 7 -> "day";
            case 30 -> u < 0.7 ? "day" : "week";
            case 90 -> u < 0.6 ? "week" : "day";
            case 365 -> u < 0.6 ? "month" : "week";
            default -> days <= 31 ? "day" : days <= 190 ? "week" : "month";
        };
    }

    private int pick(double[] cumulative) {
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }
}
