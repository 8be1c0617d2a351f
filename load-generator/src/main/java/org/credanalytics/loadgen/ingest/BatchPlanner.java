package org.credanalytics.loadgen.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.credanalytics.loadgen.Scenario;
import org.credanalytics.loadgen.gen.Defect;
import org.credanalytics.loadgen.gen.Event;
import org.credanalytics.loadgen.gen.EventEncoder;
import org.credanalytics.loadgen.gen.EventGenerator;

/**
 * Turns the event stream into the batches of a scenario: mostly fresh batches, some re-sent
 * (duplicates) or made invalid (mixed-bad). Batch decisions use their own random source seeded
 * from the run's seed, so they do not disturb the event stream. Runs on the producer thread only.
 */
public final class BatchPlanner {
    /** Re-send batches at least this many batches old, so the original has usually been answered. */
    static final int MIN_RESEND_DISTANCE = 8;
    static final int RESEND_WINDOW = 32;
    private static final Defect[] DEFECTS = Defect.invalid();

    private final EventGenerator generator;
    private final EventEncoder encoder = new EventEncoder();
    private final BodyFormat format;
    private final int batchSize;
    private final boolean perInstitution;
    private final double resentFraction;
    private final double invalidFraction;
    private final SplittableRandom random;
    private final Batch[] recentOriginals = new Batch[RESEND_WINDOW];
    private long originalCount;

    public BatchPlanner(EventGenerator generator, Scenario scenario, int batchSize, long seed, BodyFormat format) {
        this(generator, scenario, batchSize, seed, format, false);
    }

    /** With {@code perInstitution}, each batch holds the events of one institution, as a client with an institution's key sends. */
    public BatchPlanner(EventGenerator generator, Scenario scenario, int batchSize, long seed, BodyFormat format,
                        boolean perInstitution) {
        this.perInstitution = perInstitution;
        this.generator = generator;
        this.format = format;
        this.batchSize = batchSize;
        this.resentFraction = scenario.resentBatchFraction();
        this.invalidFraction = scenario.invalidBatchFraction();
        this.random = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
    }

    public Batch next(long index) {
        if (resentFraction > 0 && random.nextDouble() < resentFraction && originalCount > MIN_RESEND_DISTANCE) {
            return pickOriginal().resentAs(index);
        }
        long first = generator.nextSequence();
        List<Event> events = new ArrayList<>(batchSize);
        long institution = perInstitution ? generator.nextInstitution() : 0;
        for (int i = 0; i < batchSize; i++) {
            events.add(perInstitution ? generator.nextOf(institution) : generator.next());
        }
        SeqRange range = new SeqRange(first, first + batchSize - 1);
        if (invalidFraction > 0 && random.nextDouble() < invalidFraction) {
            int victim = random.nextInt(batchSize);
            Defect defect = DEFECTS[random.nextInt(DEFECTS.length)];
            events.set(victim, events.get(victim).withDefect(defect));
            return new Batch(index, range, format.encode(encoder, events), Batch.Kind.INVALID, defect);
        }
        Batch batch = new Batch(index, range, format.encode(encoder, events), Batch.Kind.ORIGINAL, Defect.NONE);
        if (resentFraction > 0) {
            recentOriginals[(int) (originalCount % RESEND_WINDOW)] = batch;
        }
        originalCount++;
        return batch;
    }

    /** Events generated so far: every sequence below this belongs to exactly one original or invalid batch. */
    public long sequenceCount() {
        return generator.nextSequence();
    }

    private Batch pickOriginal() {
        long newest = originalCount - 1;
        long available = Math.min(originalCount - MIN_RESEND_DISTANCE, RESEND_WINDOW - MIN_RESEND_DISTANCE);
        long chosen = newest - MIN_RESEND_DISTANCE - random.nextLong(available);
        return recentOriginals[(int) (chosen % RESEND_WINDOW)];
    }
}
