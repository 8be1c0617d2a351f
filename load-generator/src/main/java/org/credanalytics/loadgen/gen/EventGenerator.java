package org.credanalytics.loadgen.gen;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Produces a deterministic stream of realistic events: institutions follow a Zipf law, about 60%
 * of events are issuances, 30% views and 10% shares, and views and shares refer to credentials
 * issued shortly before. For a given {@link GeneratorSettings} and clock the stream is always the
 * same. Not thread-safe: one generator belongs to one producer thread, which also keeps the
 * sequence order of the ids.
 */
public final class EventGenerator {
    static final double ISSUED_SHARE = 0.6;
    static final double VIEWED_SHARE = 0.3;
    /** Recipients per institution; drawing from a bounded pool makes recipients recur. */
    static final int RECIPIENT_POOL = 5_000;
    static final int RECENT_PER_INSTITUTION = 64;
    static final long MEAN_DELAY_MILLIS = 400;
    static final long MAX_DELAY_MILLIS = 5 * 60_000;
    static final long DAY_MILLIS = 86_400_000L;
    /** Late events land on days long rolled up, inside the service's default 30-day raw retention (older ones get a 400). */
    static final long LATE_MIN_MILLIS = DAY_MILLIS;
    static final long LATE_MAX_MILLIS = 25 * DAY_MILLIS;
    /** Median 800 ms, long right tail: exp(N(ln 800, 0.8)). */
    private static final double PROCESSING_MU = Math.log(800);
    private static final double PROCESSING_SIGMA = 0.8;
    private static final double HOME_COUNTRY_SHARE = 0.7;

    private final String runId;
    private final SplittableRandom random;
    private final ZipfSampler institutions;
    private final long hotInstitution;
    private final double hotShare;
    private final double lateFraction;
    private final LongSupplier clockMillis;
    /** False for history: events occurred exactly at the clock's readings, nothing is delivered late. */
    private final boolean deliveryDelay;
    private final RecentIssuances recent = new RecentIssuances(4096);
    /** The same, per institution, for batches of one institution ({@link #nextOf}). */
    private final Map<Long, RecentIssuances> recentOf = new HashMap<>();
    private long nextSequence;

    public EventGenerator(GeneratorSettings settings, LongSupplier clockMillis) {
        this(settings, clockMillis, true);
    }

    private EventGenerator(GeneratorSettings settings, LongSupplier clockMillis, boolean deliveryDelay) {
        this.runId = settings.runId();
        this.random = new SplittableRandom(settings.seed());
        this.institutions = new ZipfSampler(settings.institutions(), settings.skew());
        // The least active tenant becomes the hot one, so its share is the scenario's and not Zipf's.
        this.hotInstitution = settings.institutions();
        this.hotShare = settings.scenario().hotTenantShare();
        this.lateFraction = settings.scenario().lateEventFraction();
        this.clockMillis = clockMillis;
        this.deliveryDelay = deliveryDelay;
    }

    /**
     * A generator whose events occurred exactly at the clock's readings, for replaying history from
     * a clock that already places every event: live traffic's delivery delay would move events
     * before the start of the replayed window. It draws no delays, so its stream differs from a
     * live generator's of the same settings; it is as deterministic.
     */
    public static EventGenerator atClockReadings(GeneratorSettings settings, LongSupplier clockMillis) {
        return new EventGenerator(settings, clockMillis, false);
    }

    public Event next() {
        return next(null);
    }

    /**
     * The next event of one institution, as a client holding that institution's key sends them:
     * views and shares refer to that institution's recent issuances.
     */
    public Event nextOf(long institution) {
        return next(institution);
    }

    /** An institution drawn as {@link #next()} draws them (Zipf, or the hot tenant), e.g. for a batch of {@link #nextOf}. */
    public long nextInstitution() {
        return institution();
    }

    private Event next(Long pinned) {
        long sequence = nextSequence++;
        String eventId = EventIds.of(runId, sequence);
        long occurredAt = occurredAt();
        double kind = random.nextDouble();
        RecentIssuances source = pinned == null ? recent : recentOf.get(pinned);
        if (kind < ISSUED_SHARE || source == null || source.isEmpty()) {
            return issue(sequence, eventId, occurredAt, pinned == null ? institution() : pinned);
        }
        Issuance of = source.pick(random);
        if (kind < ISSUED_SHARE + VIEWED_SHARE) {
            String viewerLocation = random.nextBoolean() ? of.recipientLocation() : Catalog.COUNTRIES.sample(random);
            Metadata metadata = Metadata.viewed(of, "v-" + random.nextInt(1_000_000), viewerLocation);
            return new Event(sequence, eventId, EventKind.VIEWED, of.institutionId(), occurredAt, metadata, Defect.NONE);
        }
        Metadata metadata = Metadata.shared(of, Catalog.SHARE_CHANNELS.sample(random));
        return new Event(sequence, eventId, EventKind.SHARED, of.institutionId(), occurredAt, metadata, Defect.NONE);
    }

    /** The sequence the next event will get, which is also the number of events generated so far. */
    public long nextSequence() {
        return nextSequence;
    }

    public String runId() {
        return runId;
    }

    private Event issue(long sequence, String eventId, long occurredAt, long institution) {
        String recipientId = "r-" + institution + "-" + random.nextInt(RECIPIENT_POOL);
        String location = location(institution);
        // Institutions have different favourite credentials: rotate the shared weights per institution.
        int typeCount = Catalog.CREDENTIAL_TYPES.size();
        int type = (int) ((Catalog.CREDENTIAL_TYPES.sampleIndex(random) + institution * 7) % typeCount);
        String credentialType = Catalog.CREDENTIAL_TYPES.value(type);
        long issuerId = institution * 100 + random.nextInt(5);
        int processingMs = (int) Math.min(600_000, Math.round(Math.exp(PROCESSING_MU + PROCESSING_SIGMA * random.nextGaussian())));
        Issuance issuance = new Issuance(institution, eventId, credentialType, recipientId, location);
        recent.add(issuance);
        recentOf.computeIfAbsent(institution, i -> new RecentIssuances(RECENT_PER_INSTITUTION)).add(issuance);
        Metadata metadata = Metadata.issued(credentialType, recipientId, location, issuerId, processingMs);
        return new Event(sequence, eventId, EventKind.ISSUED, institution, occurredAt, metadata, Defect.NONE);
    }

    private long institution() {
        if (hotShare > 0 && random.nextDouble() < hotShare) {
            return hotInstitution;
        }
        return institutions.sample(random);
    }

    /** Most recipients live in the institution's home country, the rest anywhere. */
    private String location(long institution) {
        if (random.nextDouble() < HOME_COUNTRY_SHARE) {
            return Catalog.COUNTRIES.value(Catalog.COUNTRIES.indexAt(unitHash(institution)));
        }
        return Catalog.COUNTRIES.sample(random);
    }

    private long occurredAt() {
        long now = clockMillis.getAsLong();
        if (!deliveryDelay) {
            return now;
        }
        if (lateFraction > 0 && random.nextDouble() < lateFraction) {
            return now - LATE_MIN_MILLIS - (long) (random.nextDouble() * (LATE_MAX_MILLIS - LATE_MIN_MILLIS));
        }
        // Exponential delivery delay: most events arrive within a second, a few minutes late.
        long delay = (long) (-Math.log(1 - random.nextDouble()) * MEAN_DELAY_MILLIS);
        return now - Math.min(delay, MAX_DELAY_MILLIS);
    }

    /** A stable value in [0, 1) per institution (SplitMix64 finaliser). */
    private static double unitHash(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
