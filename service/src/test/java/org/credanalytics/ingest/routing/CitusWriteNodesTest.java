package org.credanalytics.ingest.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.credanalytics.db.DirectConnections;
import org.credanalytics.ingest.Event;
import org.credanalytics.ingest.IngestConfiguration;
import org.credanalytics.testing.TestDatabase;
import org.credanalytics.testing.Writers;
import org.junit.jupiter.api.Test;

class CitusWriteNodesTest {
    private final TestDatabase db = TestDatabase.get();

    @Test
    void hashEqualsPostgresHashint8() {
        SplittableRandom random = new SplittableRandom(7);
        long[] values = LongStream.concat(LongStream.of(0, 1, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE,
                Integer.MIN_VALUE, 1L << 32, -(1L << 32)), LongStream.generate(random::nextLong).limit(2_000)).toArray();

        List<Long> expected = db.jdbi().withHandle(h -> h.createQuery("SELECT hashint8(v) FROM unnest(:v) WITH ORDINALITY AS t (v, n) ORDER BY n")
                .bind("v", values).mapTo(Long.class).list());

        assertThat(LongStream.of(values).mapToObj(v -> (long) CitusHash.ofBigint(v)).toList()).isEqualTo(expected);
    }

    @Test
    void onCitusEachInstitutionIsRoutedToTheWorkerHoldingItsShard() {
        IngestTopology topology = IngestTopology.of(new DirectConnections(Writers.dataSource(), "routing-test"),
                db.isCitus(), new IngestConfiguration());
        if (!db.isCitus()) {
            assertThat(topology).isInstanceOf(SingleNode.class);
            assertThat(topology.route(List.of(event(1), event(2)))).isSameAs(topology.coordinator());
            return;
        }
        topology.start();
        try {
            Map<Long, String> owners = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT i, n.nodename || ':' || n.nodeport AS node
                    FROM generate_series(1, 500) AS i
                    JOIN pg_dist_placement p ON p.shardid = get_shard_id_for_distribution_column('analytics_events', i)
                    JOIN pg_dist_node n ON n.groupid = p.groupid""")
                    .reduceRows(new java.util.HashMap<>(), (map, row) -> {
                        map.put(row.getColumn("i", Long.class), row.getColumn("node", String.class));
                        return map;
                    }));

            for (long institution = 1; institution <= 500; institution++) {
                assertThat(topology.route(List.of(event(institution))).name()).as("institution %d", institution)
                        .isEqualTo(owners.get(institution));
            }
            assertThat(owners.values().stream().distinct()).as("both workers hold shards").hasSize(2);
        } finally {
            topology.stop();
        }
    }

    @Test
    void onCitusAMixedRequestGoesWholeToTheNodeHoldingMostOfItsRows() {
        if (!db.isCitus()) {
            return; // one node: nothing to choose (checked above)
        }
        CitusWriteNodes topology = new CitusWriteNodes(new DirectConnections(Writers.dataSource(), "routing-test"),
                java.time.Duration.ofMinutes(1));
        topology.start();
        try {
            WriteNode ofOne = topology.route(List.of(event(1)));
            long other = LongStream.rangeClosed(2, 500).filter(i -> topology.route(List.of(event(i))) != ofOne)
                    .findFirst().orElseThrow();

            assertThat(topology.route(List.of(event(other), event(1), event(1)))).isSameAs(ofOne);
            assertThat(topology.route(List.of(event(1), event(other), event(other)))).isNotSameAs(ofOne);
            assertThat(topology.nodes()).hasSize(2).doesNotContain(topology.coordinator());
        } finally {
            topology.stop();
        }
    }

    private static Event event(long institution) {
        return new Event("e", "credential_issued", institution, Instant.now(), null);
    }
}
