package org.credanalytics.imports;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.credanalytics.ingest.Event;

/**
 * A part's validated events on disk, between the request that brought them and the worker that
 * applies them: the request answers once they are read and checked, and a part of 256 MiB never
 * sits in memory. A file of its own per part, deleted once applied.
 */
final class SpooledEvents implements AutoCloseable {
    private final Path file;
    private final DataOutputStream out;
    private long count;

    private SpooledEvents(Path file) throws IOException {
        this.file = file;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    static SpooledEvents create(Path directory) {
        try {
            Files.createDirectories(directory);
            return new SpooledEvents(Files.createTempFile(directory, "import-", ".events"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(Event event) throws IOException {
        out.writeBoolean(event.eventId() != null);
        if (event.eventId() != null) {
            out.writeUTF(event.eventId());
        }
        out.writeUTF(event.eventType());
        out.writeLong(event.institutionId());
        out.writeLong(event.occurredAt().getEpochSecond());
        out.writeInt(event.occurredAt().getNano());
        byte[] metadata = event.metadataJson();
        out.writeInt(metadata == null ? -1 : metadata.length);
        if (metadata != null) {
            out.write(metadata);
        }
        count++;
    }

    long count() {
        return count;
    }

    Path file() {
        return file;
    }

    /** Ends writing; the file is then read with {@link #read}. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    void delete() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a spool file back in chunks of at most {@code chunkSize} events. */
    static final class Reader implements AutoCloseable {
        private final DataInputStream in;
        private final int chunkSize;

        Reader(Path file, int chunkSize) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            this.chunkSize = chunkSize;
        }

        /** The next chunk; empty at the end. */
        List<Event> next() throws IOException {
            List<Event> events = new ArrayList<>(chunkSize);
            while (events.size() < chunkSize) {
                boolean hasId;
                try {
                    hasId = in.readBoolean();
                } catch (EOFException end) {
                    break;
                }
                String eventId = hasId ? in.readUTF() : null;
                String eventType = in.readUTF();
                long institutionId = in.readLong();
                Instant occurredAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
                int length = in.readInt();
                byte[] metadata = length < 0 ? null : in.readNBytes(length);
                events.add(new Event(eventId, eventType, institutionId, occurredAt, metadata));
            }
            return events;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
