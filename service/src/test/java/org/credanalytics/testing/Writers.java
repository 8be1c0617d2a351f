package org.credanalytics.testing;

import io.dropwizard.db.DataSourceFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.credanalytics.db.DirectConnections;
import org.credanalytics.ingest.BatchWriter;
import org.credanalytics.ingest.IngestConfiguration;
import org.credanalytics.ingest.IngestMetrics;

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

    public static BatchWriter started() {
        BatchWriter writer = new BatchWriter(new DirectConnections(dataSource(), "test-writer"), new IngestConfiguration(),
                new IngestMetrics(new SimpleMeterRegistry()));
        writer.start();
        return writer;
    }
}
