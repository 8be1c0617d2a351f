package org.credanalytics.benchmarks.ingest;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.credanalytics.benchmarks.SampleEvents;
import org.credanalytics.ingest.BinaryCopyEncoder;
import org.credanalytics.ingest.CopyBuffer;
import org.credanalytics.ingest.Event;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding one flush for COPY, in memory only: the service's binary format against the text
 * format, into a reused {@link CopyBuffer} as the batch writer does (so the steady state
 * allocates only the UTF-8 bytes of the strings). {@link #baselineMetadataCopy} only copies each
 * event's metadata bytes into the buffer: the floor any encoding pays.
 * Events per second = ops/s × batchSize.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CopyEncodingBenchmark {

    @State(Scope.Thread)
    public static class Batch {
        @Param({"500", "5000"})
        int batchSize;

        final BinaryCopyEncoder binary = new BinaryCopyEncoder();
        final TextCopyEncoder text = new TextCopyEncoder();
        final CopyBuffer buffer = new CopyBuffer(1 << 20);
        List<Event> events;

        @Setup(Level.Trial)
        public void create() {
            events = SampleEvents.events(batchSize, 42, Instant.now());
        }
    }

    @Benchmark
    public int binary(Batch batch) {
        batch.buffer.reset();
        batch.binary.encode(batch.events, batch.buffer);
        return batch.buffer.length();
    }

    @Benchmark
    public int text(Batch batch) {
        batch.buffer.reset();
        batch.text.encode(batch.events, batch.buffer);
        return batch.buffer.length();
    }

    @Benchmark
    public int baselineMetadataCopy(Batch batch) {
        batch.buffer.reset();
        for (Event event : batch.events) {
            batch.buffer.write(event.metadataJson());
        }
        return batch.buffer.length();
    }
}
