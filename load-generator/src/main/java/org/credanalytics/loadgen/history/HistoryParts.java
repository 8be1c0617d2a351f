package org.credanalytics.loadgen.history;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.credanalytics.loadgen.gen.Event;
import org.credanalytics.loadgen.gen.EventEncoder;
import org.credanalytics.loadgen.gen.EventGenerator;

/**
 * Cuts a generated history into import parts of at most {@code partEvents} events, each one gzip
 * NDJSON body. Parts are generated on demand, so only the part being built (compressed) is in
 * memory, never the history. A part whose NDJSON exceeds {@code maxRawBytes} is refused before it
 * is sent, with the advice to make parts smaller. Not thread-safe: one thread calls {@link #next}.
 */
public final class HistoryParts {
    /** The service's default maximum body; checked against the uncompressed size, the stricter reading. */
    public static final long DEFAULT_MAX_RAW_BYTES = 256L << 20;

    private final EventGenerator generator;
    private final long totalEvents;
    private final int partEvents;
    private final Long institution;
    private final long maxRawBytes;
    private final EventEncoder encoder = new EventEncoder();
    private long generated;
    private int parts;

    /** @param institution every event of this institution, or null for the Zipf mix of all */
    public HistoryParts(EventGenerator generator, long totalEvents, int partEvents, Long institution, long maxRawBytes) {
        if (partEvents < 1) {
            throw new IllegalArgumentException("--part-events must be at least 1, was " + partEvents);
        }
        this.generator = generator;
        this.totalEvents = totalEvents;
        this.partEvents = partEvents;
        this.institution = institution;
        this.maxRawBytes = maxRawBytes;
    }

    /** How many parts {@code events} make; an empty history is still one (empty) part, so an import exists. */
    public static int count(long events, int partEvents) {
        return (int) Math.max(1, (events + partEvents - 1) / partEvents);
    }

    public int count() {
        return count(totalEvents, partEvents);
    }

    public boolean hasNext() {
        return parts < count();
    }

    public Part next() {
        if (!hasNext()) {
            throw new IllegalStateException("all " + count() + " parts were made");
        }
        int events = (int) Math.min(partEvents, totalEvents - generated);
        long firstSequence = generator.nextSequence();
        long firstMillis = 0;
        long lastMillis = 0;
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(events * 64 + 64);
        Counting raw;
        try (GZIPOutputStream gzip = new FastGzip(compressed)) {
            raw = new Counting(gzip);
            try (JsonGenerator g = encoder.ndjsonGenerator(raw)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                for (int i = 0; i < events; i++) {
                    Event event = institution == null ? generator.next() : generator.nextOf(institution);
                    if (i == 0) {
                        firstMillis = event.occurredAtMillis();
                    }
                    lastMillis = event.occurredAtMillis();
                    encoder.writeEvent(g, event);
                }
                if (events > 0) {
                    g.writeRaw('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        generated += events;
        parts++;
        if (raw.count > maxRawBytes) {
            throw new IllegalStateException("part " + parts + " is " + (raw.count >> 20) + " MiB of NDJSON, over the "
                    + (maxRawBytes >> 20) + " MiB body limit; use a smaller --part-events");
        }
        return new Part(parts, firstSequence, events, firstMillis, lastMillis, raw.count, compressed.toByteArray());
    }

    /** Gzip at the fastest level: the parts go to a nearby service, and deflating is most of a part's cost. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
