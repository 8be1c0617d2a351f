package org.credanalytics.benchmarks.ingest;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.credanalytics.benchmarks.BenchmarkDatabase;
import org.credanalytics.benchmarks.SampleEvents;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The batch writer's flush against a real PostgreSQL: encode one batch, send it, commit. Each
 * invocation stores {@code batchSize} new events in one transaction, with one of the four
 * {@link BatchInserts} methods. Event ids are fresh per invocation (made outside the timed call),
 * so the unique index never rejects a row; the table is truncated before every iteration, so it
 * grows only within one. Events per second = ops/s × batchSize.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BatchFlushBenchmark {

    @State(Scope.Benchmark)
    public static class Writer {
        @Param({"500", "5000", "20000"})
        int batchSize;

        BenchmarkDatabase database;
        BatchInserts inserts;
        List<Event> template;
        List<Event> batch;
        long flushes;

        @Setup(Level.Trial)
        public void start() throws Exception {
            database = BenchmarkDatabase.start();
            inserts = new BatchInserts(database.connect(BatchInserts.driverProperties()));
            template = SampleEvents.events(batchSize, 42, Instant.now());
        }

        @Setup(Level.Iteration)
        public void emptyTable() throws SQLException {
            database.truncate("analytics_events");
        }

        /** Level.Invocation is safe here: every invocation takes milliseconds. */
        @Setup(Level.Invocation)
        public void nextBatch() {
            batch = SampleEvents.withIds(template, "flush-" + flushes++ + "-");
        }

        @TearDown(Level.Trial)
        public void stop() throws SQLException {
            try {
                inserts.close();
            } finally {
                database.close();
            }
        }
    }

    @Benchmark
    public long binaryCopy(Writer writer) throws SQLException {
        return writer.inserts.binaryCopy(writer.batch);
    }

    @Benchmark
    public long textCopy(Writer writer) throws SQLException {
        return writer.inserts.textCopy(writer.batch);
    }

    @Benchmark
    public long jdbcBatchInsert(Writer writer) throws SQLException {
        return writer.inserts.jdbcBatch(writer.batch);
    }

    @Benchmark
    public long unnestInsert(Writer writer) throws SQLException {
        return writer.inserts.unnest(writer.batch);
    }
}
