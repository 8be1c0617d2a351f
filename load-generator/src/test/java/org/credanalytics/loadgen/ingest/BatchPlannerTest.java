package org.credanalytics.loadgen.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.credanalytics.loadgen.Scenario;
import org.credanalytics.loadgen.gen.Defect;
import org.credanalytics.loadgen.gen.EventGenerator;
import org.credanalytics.loadgen.gen.GeneratorSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class BatchPlannerTest {
    private static final long NOW = 1_772_360_100_000L;

    @Test
    void duplicatesScenarioResendsFivePercentOfBatchesWithTheSameIds() {
        List<Batch> batches = plan(Scenario.DUPLICATES, 1, 20_000, 10);
        Map<Long, Batch> originals = new HashMap<>();
        int resent = 0;
        for (Batch batch : batches) {
            if (batch.kind() == Batch.Kind.ORIGINAL) {
                assertThat(originals.put(batch.range().first(), batch)).isNull();
            } else {
                assertThat(batch.kind()).isEqualTo(Batch.Kind.RESENT);
                Batch original = originals.get(batch.range().first());
                assertThat(original).isNotNull();
                assertThat(batch.body()).isEqualTo(original.body());
                assertThat(batch.index() - original.index()).isGreaterThanOrEqualTo(BatchPlanner.MIN_RESEND_DISTANCE);
                resent++;
            }
        }
        assertThat(resent / (double) batches.size()).isCloseTo(0.05, within(0.005));
    }

    @Test
    void mixedBadMakesOnePercentOfBatchesInvalidWithOneBadEvent() throws IOException {
        List<Batch> batches = plan(Scenario.MIXED_BAD, 1, 20_000, 10);
        List<Batch> invalid = batches.stream().filter(b -> b.kind() == Batch.Kind.INVALID).toList();

        assertThat(invalid.size() / (double) batches.size()).isCloseTo(0.01, within(0.002));
        assertThat(batches).allMatch(b -> b.kind() != Batch.Kind.RESENT);
        for (Batch batch : invalid.subList(0, 20)) {
            assertThat(batch.defect()).isNotEqualTo(Defect.NONE);
            JsonNode events = new ObjectMapper().readTree(batch.body());
            assertThat(events.size()).isEqualTo(10);
        }
    }

    @Test
    void sequencesAreContiguousAcrossFreshBatches() {
        List<Batch> batches = plan(Scenario.MIXED_BAD, 2, 1_000, 7);
        long next = 0;
        for (Batch batch : batches) {
            assertThat(batch.range()).isEqualTo(new SeqRange(next, next + 6));
            next += 7;
        }
    }

    @Test
    void theSameSeedPlansTheSameBatches() {
        List<Batch> first = plan(Scenario.DUPLICATES, 9, 2_000, 5);
        List<Batch> again = plan(Scenario.DUPLICATES, 9, 2_000, 5);
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).kind()).isEqualTo(first.get(i).kind());
            assertThat(again.get(i).range()).isEqualTo(first.get(i).range());
            assertThat(again.get(i).body()).isEqualTo(first.get(i).body());
        }
    }

    @Test
    void batchesPerInstitutionHoldOneInstitutionEachAndViewsOfItsOwnCredentials() throws IOException {
        List<Batch> batches = plan(Scenario.STEADY, 3, 2_000, 50, true);
        Map<String, Long> issuedBy = new HashMap<>();
        java.util.Set<Long> institutions = new java.util.HashSet<>();
        int views = 0;
        for (Batch batch : batches) {
            JsonNode events = new ObjectMapper().readTree(batch.body());
            long institution = events.get(0).get("institution_id").asLong();
            institutions.add(institution);
            for (JsonNode event : events) {
                assertThat(event.get("institution_id").asLong()).isEqualTo(institution);
                if (event.get("event_type").asText().equals("credential_issued")) {
                    issuedBy.put(event.get("event_id").asText(), institution);
                } else if (event.get("metadata").has("credential_id")) {
                    views++;
                    Long issuer = issuedBy.get(event.get("metadata").get("credential_id").asText());
                    assertThat(issuer).as("the viewed credential's institution").isIn(null, institution);
                }
            }
        }
        assertThat(institutions).as("institutions over 2,000 batches (Zipf over 100)").hasSizeGreaterThan(50);
        assertThat(views).isPositive();
    }

    private static List<Batch> plan(Scenario scenario, long seed, int count, int batchSize) {
        return plan(scenario, seed, count, batchSize, false);
    }

    private static List<Batch> plan(Scenario scenario, long seed, int count, int batchSize, boolean perInstitution) {
        EventGenerator generator = new EventGenerator(new GeneratorSettings("r1", seed, 100, 1.1, scenario), () -> NOW);
        BatchPlanner planner = new BatchPlanner(generator, scenario, batchSize, seed, BodyFormat.JSON, perInstitution);
        List<Batch> batches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batches.add(planner.next(i));
        }
        return batches;
    }
}
