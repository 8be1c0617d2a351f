package org.credanalytics.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.credanalytics.benchmarks.SampleEvents;
import org.credanalytics.ingest.Event;
import org.credanalytics.ingest.EventJson;
import org.credanalytics.ingest.EventParser;
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
 * Decoding one ingest request body into validated events, as {@code EventResource} does it:
 * the service's strict mapper and {@link EventParser} with the default limits, on a JSON array and
 * on the same events as NDJSON. {@link #baselineTreeOnly} reads the array into a Jackson tree
 * without validating, separating the JSON parsing from the validation cost.
 * Events per second = ops/s × batchSize.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EventDecodingBenchmark {

    @State(Scope.Benchmark)
    public static class Body {
        @Param({"500"})
        int batchSize;

        EventParser parser;
        ObjectMapper mapper;
        byte[] jsonArray;
        byte[] ndjson;

        @Setup(Level.Trial)
        public void create() {
            parser = SampleEvents.serviceParser();
            mapper = EventJson.mapper();
            List<byte[]> events = SampleEvents.eventJson(batchSize, 42, Instant.now());
            jsonArray = SampleEvents.jsonArray(events);
            ndjson = SampleEvents.ndjson(events);
            if (parser.parseJsonArray(jsonArray).size() != batchSize || parser.parseNdjson(ndjson).size() != batchSize) {
                throw new IllegalStateException("the sample events do not all pass validation");
            }
        }
    }

    @Benchmark
    public List<Event> jsonArray(Body body) {
        return body.parser.parseJsonArray(body.jsonArray);
    }

    @Benchmark
    public List<Event> ndjson(Body body) {
        return body.parser.parseNdjson(body.ndjson);
    }

    @Benchmark
    public JsonNode baselineTreeOnly(Body body) throws IOException {
        return body.mapper.readTree(body.jsonArray);
    }
}
