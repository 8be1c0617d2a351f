package org.credanalytics.ingest;

import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the {@link BatchWriter} as a managed object, and at shutdown says what its
 * drain did: how many queued events it flushed (committed, or answered with an error) before
 * the service stopped, and how many it could not.
 */
public final class WriterLifecycle implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(WriterLifecycle.class);
    private final BatchWriter writer;

    public WriterLifecycle(BatchWriter writer) {
        this.writer = writer;
    }

    @Override
    public void start() {
        writer.start();
    }

    @Override
    public void stop() throws InterruptedException {
        int queued = writer.queuedEvents();
        writer.stop();
        int left = writer.queuedEvents();
        LOG.info("Ingest drained: {} queued events flushed at shutdown{}", queued - left,
                left == 0 ? "" : "; " + left + " not written");
    }
}
