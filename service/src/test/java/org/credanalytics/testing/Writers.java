package org.credanalytics.testing;

import io.dropwizard.db.DataSourceFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.credanalytics.db.DirectConnections;
import org.credanalytics.ingest.BatchWriter;
import org.credanalytics.ingest.IngestConfiguration;
import org.credanalytics.ingest.IngestMetrics;
import org.credanalytics.ingest.routing.IngestTopology;

/** The production ingest path, without HTTP, for tests that need stored events. */
public final class Writers {
    private Writers() {
    }

    public static DataSourceFactory dataSource() {
        TestDatabase db = TestDatabase.get();
        DataSourceFactory database = new DataSourceFactory();
        database.setUrl(db.url());
        database.setUser(db.user());
        database.setPassword(db.password());
        return database;
    }

    /** The writer as the service builds it: on Citus, writing through the workers. */
    public static BatchWriter started() {
        return started(new IngestConfiguration(), new SimpleMeterRegistry());
    }

    public static BatchWriter started(IngestConfiguration config, MeterRegistry meters) {
        TestDatabase db = TestDatabase.get();
        IngestTopology topology = IngestTopology.of(new DirectConnections(dataSource(), "test-writer"), db.isCitus(), config);
        BatchWriter writer = new BatchWriter(topology, config, new IngestMetrics(meters));
        writer.start();
        return writer;
    }
}
