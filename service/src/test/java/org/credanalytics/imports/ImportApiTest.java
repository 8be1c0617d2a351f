package org.credanalytics.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.auth.Scope;
import org.credanalytics.auth.TestKeyFactory;
import org.credanalytics.ingest.Event;
import org.credanalytics.query.DashboardOracleChecks;
import org.credanalytics.query.DashboardQueries;
import org.credanalytics.query.EventOracle;
import org.credanalytics.query.QueryRange;
import org.credanalytics.rollup.LocalDayZones;
import org.credanalytics.testing.ChildCommand;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.StoredEvents;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * History imports through the real server, on a real database: dashboards of imported history
 * equal what plain Java computes from the same events (UTC and Asia/Kolkata, every endpoint's
 * statement); imports twice and live plus imported copies count each event once; a delete gives
 * back exactly the dashboards from before; bad lines, atomic parts, foreign institutions, size
 * limits and failures leave nothing half-stored. Fixed seeds.
 */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class ImportApiTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("rollup.interval", "100ms"),
            ConfigOverride.config("retention.rawEvents", "30d"),
            ConfigOverride.config("imports.chunkEvents", "500"),
            ConfigOverride.config("imports.maxRequestSize", "4MiB"));
    static final ObjectMapper JSON = new ObjectMapper();
    static final String NDJSON = "application/x-ndjson";
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final String[] DASHBOARD_PATHS = {"summary", "activity?granularity=day", "activity?granularity=week",
            "activity?granularity=month", "geo", "credential-types", "funnel"};

    private final TestDatabase db = TestDatabase.get();
    private final StoredEvents stored = new StoredEvents(db.jdbi());
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private Http http;

    @BeforeEach
    void connect() {
        http = new Http(APP.getLocalPort());
    }

    @Test
    void importedHistoryAnswersAsItsEventsDoAndASecondImportOfItIsAllDuplicates() throws Exception {
        Instant start = now.minus(Duration.ofDays(440));
        List<Event> events = generate(new Random(25), "h", 3_000, start, now.minus(Duration.ofDays(400)), 11, 12);
        Map<String, String> before = dashboards(11, start, "UTC");
        Map<String, String> beforeInKolkata = dashboards(12, start, KOLKATA.getId());

        JsonNode first = importInParts(events, 3);

        assertThat(first.get("state").asText()).isEqualTo("done");
        assertThat(first.get("parts").asInt()).isEqualTo(3);
        assertThat(first.get("imported").asLong()).isEqualTo(3_000);
        assertThat(first.get("duplicates").asLong()).isZero();
        assertThat(first.get("progress").asDouble()).isEqualTo(1.0);
        assertDashboardsEqualOracle(events, start, 11, 12);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).as("history is not kept as raw").isZero();
        Map<String, String> imported = dashboards(11, start, "UTC");

        JsonNode second = awaitDone(start(gzip(ndjson(events)), true, "").json().get("id").asLong());

        assertThat(second.get("imported").asLong()).isZero();
        assertThat(second.get("duplicates").asLong()).isEqualTo(3_000);
        assertThat(dashboards(11, start, "UTC")).isEqualTo(imported);

        assertThat(http.delete("/v1/imports/" + second.get("id").asLong()).status()).isEqualTo(200);
        assertThat(dashboards(11, start, "UTC")).as("the second import added nothing to remove").isEqualTo(imported);
        Http.Reply deleted = http.delete("/v1/imports/" + first.get("id").asLong());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("state").asText()).isEqualTo("deleted");
        assertThat(dashboards(11, start, "UTC")).isEqualTo(before);
        assertThat(dashboards(12, start, KOLKATA.getId())).isEqualTo(beforeInKolkata);
        for (String table : List.of("hourly_event_counts", "daily_geo", "monthly_credential_types",
                "local_daily_event_counts", "import_event_keys")) {
            assertThat(db.count("SELECT count(*) FROM " + table)).as(table).isZero();
        }
        // deleted, the events can be imported again
        assertThat(awaitDone(start(ndjson(events), false, "").json().get("id").asLong()).get("imported").asLong())
                .isEqualTo(3_000);
    }

    @Test
    void aLiveAndAnImportedCopyOfAnEventCountOnceWhicheverCameFirst() throws Exception {
        Instant from = now.minus(Duration.ofDays(3));
        List<Event> events = generate(new Random(7), "l", 300, from, now.minus(Duration.ofDays(1)), 21);
        List<Event> live = events.subList(0, 200);
        assertThat(http.post("/v1/events/batch", NDJSON, ndjson(live)).status()).isEqualTo(200);

        JsonNode imported = awaitDone(start(ndjson(events), false, "").json().get("id").asLong());

        assertThat(imported.get("imported").asLong()).isEqualTo(100);
        assertThat(imported.get("duplicates").asLong()).isEqualTo(200);
        Http.Reply again = http.post("/v1/events/batch", NDJSON, ndjson(events));
        assertThat(again.json().get("accepted").asLong()).as(again.body()).isZero();
        assertThat(again.json().get("duplicates").asLong()).isEqualTo(300);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).as("imported recent events are kept as raw").isEqualTo(300);
        stored.awaitRollupCaughtUp();
        assertDashboardsEqualOracle(events, from, 21);

        Map<String, String> beforeDelete = dashboards(21, from, "UTC");
        assertThat(http.delete("/v1/imports/" + imported.get("id").asLong()).status()).isEqualTo(200);
        assertThat(dashboards(21, from, "UTC")).isNotEqualTo(beforeDelete);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(200);
        stored.assertRollupsEqualRawAggregates();
        assertDashboardsEqualOracle(live, from, 21);
    }

    @Test
    void aBadLineFailsOnlyItselfUnlessThePartIsAtomic() throws Exception {
        Instant at = now.minus(Duration.ofDays(500));
        String body = event("b1", 31, at) + "\n"
                + "{\"event_type\": \n"
                + event("b3", 31, at).replace(at.toString(), "yesterday") + "\n"
                + "\n"
                + event("b5", 31, at.plusSeconds(60)) + "\n";

        Http.Reply atomic = start(body.getBytes(StandardCharsets.UTF_8), false, "?atomic=true");

        assertThat(atomic.status()).as(atomic.body()).isEqualTo(400);
        assertThat(atomic.json().get("errors").toString()).contains("\"index\":2").contains("\"index\":3")
                .contains("\"field\":\"occurred_at\"");
        assertThat(db.count("SELECT count(*) FROM imports")).as("nothing of an atomic part with a bad line").isZero();

        JsonNode lenient = awaitDone(start(body.getBytes(StandardCharsets.UTF_8), false, "").json().get("id").asLong());

        assertThat(lenient.get("read").asLong()).isEqualTo(4);
        assertThat(lenient.get("imported").asLong()).isEqualTo(2);
        assertThat(lenient.get("rejected").asLong()).isEqualTo(2);
        assertThat(lenient.get("rejections").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(lenient.get("rejections").get(0).get("part").asInt()).isEqualTo(1);
        assertThat(lenient.get("rejections").get(1).get("line").asLong()).isEqualTo(3);
        assertThat(lenient.get("rejections").get(1).get("field").asText()).isEqualTo("occurred_at");
        assertThat(db.count("SELECT sum(events) FROM daily_event_counts WHERE institution_id = 31")).isEqualTo(2);

        Http.Reply brokenArray = http.post("/v1/imports", "application/json",
                ("[" + event("b7", 31, at) + ",\n{\"event_type\": ]").getBytes(StandardCharsets.UTF_8));
        assertThat(brokenArray.status()).as(brokenArray.body()).isEqualTo(400);
        assertThat(brokenArray.json().get("message").asText()).contains("line 2");
        assertThat(db.count("SELECT count(*) FROM imports")).isEqualTo(1);
    }

    @Test
    void anInstitutionKeyImportsItsOwnEventsOnlyAndSeesOnlyItsOwnImports() throws Exception {
        TestKeyFactory keys = new TestKeyFactory();
        Http importer = new Http(APP.getLocalPort(), keys.institution(41, Scope.IMPORT).plaintext());
        Http reader = new Http(APP.getLocalPort(), keys.institution(41, Scope.READ, Scope.INGEST).plaintext());
        Instant at = now.minus(Duration.ofDays(800));
        String foreign = event("f1", 41, at) + "\n" + event("f2", 42, at) + "\n";

        Http.Reply refused = importer.post("/v1/imports", NDJSON, foreign.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("message").asText()).contains("institution 42");
        assertThat(db.count("SELECT count(*) FROM imports")).isZero();
        assertThat(reader.post("/v1/imports", NDJSON, ndjson(List.of())).status()).isEqualTo(403);

        Http.Reply own = importer.post("/v1/imports", NDJSON, (event("o1", 41, at) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(own.status()).as(own.body()).isEqualTo(202);
        long id = own.json().get("id").asLong();
        assertThat(own.json().get("institution_id").asLong()).isEqualTo(41);
        assertThat(own.header("Location")).endsWith("/v1/imports/" + id);
        awaitDone(id);
        long adminImport = awaitDone(start(ndjson(List.of(), event("a1", 43, at)), false, "").json().get("id").asLong())
                .get("id").asLong();

        assertThat(importer.get("/v1/imports").json().get("imports")).hasSize(1);
        assertThat(http.get("/v1/imports").json().get("imports")).hasSize(2);
        assertThat(importer.get("/v1/imports/" + adminImport).status()).isEqualTo(404);
        assertThat(importer.delete("/v1/imports/" + adminImport).status()).isEqualTo(404);
        assertThat(importer.delete("/v1/imports/" + id).status()).isEqualTo(200);
    }

    @Test
    void aDeleteWhileRunningIsRefusedAndEndedImportsTakeNoParts() {
        long id = db.count("INSERT INTO imports (institution_id, created_by, parts) VALUES (NULL, NULL, 1) RETURNING id");
        Http.Reply running = http.delete("/v1/imports/" + id);
        assertThat(running.status()).as(running.body()).isEqualTo(409);

        execute("UPDATE imports SET state = 'failed' WHERE id = " + id);
        assertThat(http.post("/v1/imports/" + id + "/parts", NDJSON, ndjson(List.of())).status()).isEqualTo(409);
        assertThat(http.delete("/v1/imports/" + id).status()).isEqualTo(200);
        assertThat(http.get("/v1/imports/" + id).json().get("state").asText()).isEqualTo("deleted");
        assertThat(http.get("/v1/imports/999999").status()).isEqualTo(404);
        assertThat(http.get("/v1/imports/x").status()).isEqualTo(400);
    }

    @Test
    void aPartThatFailsInTheDatabaseFailsTheImportWithNothingOfItLeft() throws Exception {
        Instant at = now.minus(Duration.ofDays(600));
        List<Event> events = generate(new Random(3), "x", 1_500, at, at.plus(Duration.ofDays(20)), 51);
        execute("ALTER TABLE import_event_keys ADD CONSTRAINT test_refuses_x1200 CHECK (event_id <> 'x1200')");
        try {
            JsonNode failed = awaitDone(start(ndjson(events), false, "").json().get("id").asLong());

            assertThat(failed.get("state").asText()).isEqualTo("failed");
            assertThat(failed.get("error").asText()).contains("test_refuses_x1200");
        } finally {
            execute("ALTER TABLE import_event_keys DROP CONSTRAINT test_refuses_x1200");
        }
        for (String table : List.of("quarter_hourly_event_counts", "hourly_event_counts", "daily_event_counts",
                "monthly_event_counts", "daily_geo", "local_daily_event_counts", "import_event_keys")) {
            assertThat(db.count("SELECT count(*) FROM " + table)).as(table + " after the failure").isZero();
        }
    }

    @Test
    void oversizedBodiesAndUnknownEncodingsAreRefused() throws Exception {
        byte[] tooLarge = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(tooLarge, (byte) ' ');
        Http.Reply large = http.post("/v1/imports", NDJSON, tooLarge);
        assertThat(large.status()).as(large.body()).isEqualTo(413);

        Http.Reply bomb = http.post("/v1/imports", NDJSON, gzip(tooLarge), "Content-Encoding", "gzip");
        assertThat(bomb.status()).as("a small gzip body that inflates beyond the limit: " + bomb.body()).isEqualTo(413);
        assertThat(bomb.json().get("message").asText()).contains("after gzip is inflated");

        Http.Reply brotli = http.post("/v1/imports", NDJSON, ndjson(List.of()), "Content-Encoding", "br");
        assertThat(brotli.status()).isEqualTo(415);
        assertThat(brotli.json().get("errors").get(0).get("field").asText()).isEqualTo("Content-Encoding");
        assertThat(db.count("SELECT count(*) FROM imports")).isZero();
    }

    private void execute(String sql) {
        db.jdbi().useHandle(h -> h.execute(sql));
    }

    @Test
    void theImportCommandImportsFilesAsOneImportWithAProgressLine(@TempDir Path dir) throws Exception {
        Instant start = now.minus(Duration.ofDays(700));
        List<Event> events = generate(new Random(11), "cli", 2_000, start, start.plus(Duration.ofDays(60)), 61, 62);
        Path ndjsonFile = dir.resolve("first.ndjson.gz");
        Files.write(ndjsonFile, gzip(ndjson(events.subList(0, 1_200))));
        Path arrayFile = dir.resolve("second.json");
        Files.writeString(arrayFile, "[\n" + String.join(",\n", events.subList(1_200, 2_000).stream()
                .map(ImportApiTest::json).toList()) + "\n]\n");
        Path config = dir.resolve("config.yml");
        Files.writeString(config, ChildCommand.testConfig());

        ChildCommand.Run run = ChildCommand.run(config, Map.of(), "import", ndjsonFile.toString(), arrayFile.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("2,000/2,000 events").contains("\"imported\":2000").contains("\"parts\":2");
        assertDashboardsEqualOracle(events, start, 61, 62);

        Path foreign = dir.resolve("foreign.ndjson");
        Files.write(foreign, ndjson(List.of(), event("f1", 61, start), event("f2", 63, start)));
        ChildCommand.Run refused = ChildCommand.run(config, Map.of(), "import", "--institution", "61", foreign.toString());
        assertThat(refused.exitCode()).as(refused.out()).isNotZero();
        assertThat(refused.out()).contains("institution 63");
        assertThat(db.count("SELECT count(*) FROM imports")).isEqualTo(1);
    }

    /** Imports the events in {@code parts} gzip parts, each after the previous one, and waits until done. */
    private JsonNode importInParts(List<Event> events, int parts) throws Exception {
        int size = (events.size() + parts - 1) / parts;
        long id = 0;
        for (int p = 0; p < parts; p++) {
            byte[] body = gzip(ndjson(events.subList(p * size, Math.min(events.size(), (p + 1) * size))));
            Http.Reply reply = p == 0 ? start(body, true, "")
                    : http.post("/v1/imports/" + id + "/parts", NDJSON, body, "Content-Encoding", "gzip");
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
            id = reply.json().get("id").asLong();
        }
        return awaitDone(id);
    }

    private Http.Reply start(byte[] body, boolean gzip, String query) {
        return gzip ? http.post("/v1/imports" + query, NDJSON, body, "Content-Encoding", "gzip")
                : http.post("/v1/imports" + query, NDJSON, body);
    }

    private JsonNode awaitDone(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode state = http.get("/v1/imports/" + id).json();
            if (!state.get("state").asText().equals("running") || System.nanoTime() > deadline) {
                return state;
            }
            Thread.sleep(50);
        }
    }

    private void assertDashboardsEqualOracle(List<Event> events, Instant from, long... institutions) throws IOException {
        List<EventOracle.Stored> storedEvents = new ArrayList<>();
        for (Event event : events) {
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = JSON.readValue(event.metadataJson(), Map.class);
            storedEvents.add(new EventOracle.Stored(event, metadata));
        }
        EventOracle oracle = new EventOracle(storedEvents);
        DashboardQueries queries = DashboardQueries.create(db.jdbi(), LocalDayZones.sync(db.jdbi(), List.of(KOLKATA)));
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC).minusDays(2);
        LocalDate end = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(2);
        for (ZoneId zone : List.of(ZoneId.of("UTC"), KOLKATA)) {
            DashboardOracleChecks.assertInstitutionDashboards(queries, oracle, new QueryRange(first, end, zone), institutions);
        }
    }

    /** Every dashboard endpoint's answer for the institution (without its as_of), from the events' first day to tomorrow. */
    private Map<String, String> dashboards(long institution, Instant from, String tz) {
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC).minusDays(2);
        LocalDate end = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(2);
        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : DASHBOARD_PATHS) {
            String separator = path.contains("?") ? "&" : "?";
            Http.Reply reply = http.get("/v1/institutions/" + institution + "/" + path + separator + "from=" + first
                    + "&to=" + end + "&tz=" + tz);
            assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
            answers.put(path, ((ObjectNode) reply.json()).without("as_of").toString());
        }
        return answers;
    }

    private static List<Event> generate(Random random, String prefix, int count, Instant from, Instant to,
                                        long... institutions) throws IOException {
        long seconds = ChronoUnit.SECONDS.between(from, to);
        String[] types = {"credential_issued", "credential_issued", "credential_viewed", "credential_shared"};
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String type = types[random.nextInt(types.length)];
            Map<String, Object> metadata = new LinkedHashMap<>();
            if (type.equals("credential_issued")) {
                metadata.put("recipient_id", "r-" + random.nextInt(400));
                metadata.put("recipient_location", new String[] {"US", "DE", "IN", "BR"}[random.nextInt(4)]);
                metadata.put("credential_type", new String[] {"CPR", "Python", "Welding"}[random.nextInt(3)]);
                metadata.put("processing_time_ms", 100 + random.nextInt(4_000));
            } else if (type.equals("credential_viewed")) {
                metadata.put("viewer_id", "v-" + random.nextInt(200));
            }
            events.add(new Event(prefix + i, type, institutions[random.nextInt(institutions.length)],
                    from.plusSeconds((long) (random.nextDouble() * seconds)), JSON.writeValueAsBytes(metadata)));
        }
        return events;
    }

    static byte[] ndjson(List<Event> events, String... extraLines) {
        StringBuilder body = new StringBuilder();
        for (Event event : events) {
            body.append(json(event)).append('\n');
        }
        for (String line : extraLines) {
            body.append(line).append('\n');
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String json(Event event) {
        return "{\"event_id\":\"" + event.eventId() + "\",\"event_type\":\"" + event.eventType()
                + "\",\"institution_id\":" + event.institutionId() + ",\"occurred_at\":\"" + event.occurredAt()
                + "\",\"metadata\":" + new String(event.metadataJson(), StandardCharsets.UTF_8) + "}";
    }

    private static String event(String id, long institution, Instant at) {
        return "{\"event_id\":\"" + id + "\",\"event_type\":\"credential_issued\",\"institution_id\":" + institution
                + ",\"occurred_at\":\"" + at + "\",\"metadata\":{\"recipient_id\":\"r-" + id + "\"}}";
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
