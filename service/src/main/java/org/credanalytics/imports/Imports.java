package org.credanalytics.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.credanalytics.api.ApiException;
import org.credanalytics.api.FieldError;
import org.jdbi.v3.core.Jdbi;

/**
 * The imports, as the API and the {@code import} command use them: a part is read and checked
 * while its request is open (so a bad request is refused with nothing stored), spooled to disk,
 * and applied by the {@link ImportWorker} after the request has its 202.
 */
public final class Imports {
    private static final TypeReference<List<Rejection>> REJECTIONS = new TypeReference<>() {
    };
    static final int MAX_LISTED = 100;

    private final Jdbi jdbi;
    private final PartReader reader;
    private final ImportWorker worker;
    private final ImportRemoval removal;
    private final ImportMetrics metrics;
    private final ObjectMapper mapper;
    private final Path spoolDirectory;
    private final long maxRequestBytes;
    private final int maxRejections;

    Imports(Jdbi jdbi, PartReader reader, ImportWorker worker, ImportRemoval removal, ImportMetrics metrics,
            ObjectMapper mapper, ImportConfiguration config) {
        this.jdbi = jdbi;
        this.reader = reader;
        this.worker = worker;
        this.removal = removal;
        this.metrics = metrics;
        this.mapper = mapper;
        this.spoolDirectory = Path.of(config.getSpoolDirectory() == null
                ? System.getProperty("java.io.tmpdir") : config.getSpoolDirectory());
        this.maxRequestBytes = config.getMaxRequestSize().toBytes();
        this.maxRejections = config.getMaxReportedRejections();
    }

    /** Who asks: an admin key ({@code institutionId} null: any institution's events) or an institution's import key. */
    public record Requester(Long keyId, Long institutionId) {
    }

    /** A part's body as it came: NDJSON or a JSON array, gzip or not. */
    public record Body(InputStream stream, boolean ndjson, boolean gzip) {
    }

    /** Starts an import with its first part. */
    public ImportView start(Requester who, Body body, boolean atomic) {
        return queued(() -> receive(null, who, body, atomic));
    }

    /** Adds a part to a running or finished import; a failed or deleted one is a 409. */
    public ImportView addPart(long id, Requester who, Body body, boolean atomic) {
        return queued(() -> receive(id, who, body, atomic));
    }

    /**
     * Reads and checks a part, and counts it in: into a new import ({@code importId} null) or the
     * given one. The caller applies the part it returns and then deletes its spool.
     */
    PartApplier.QueuedPart receive(Long importId, Requester who, Body body, boolean atomic) {
        ImportRow existing = importId == null ? null : visible(importId, who);
        if (existing != null) {
            refuseEnded(existing);
        }
        Long institutionId = existing == null ? who.institutionId() : existing.institutionId();
        SpooledEvents spool = SpooledEvents.create(spoolDirectory);
        try {
            PartReader.Intake intake = read(body, institutionId, spool);
            metrics.intake(intake);
            if (atomic && intake.rejected() > 0) {
                throw ApiException.badRequest(intake.rejected() + " event(s) of this part are invalid, and with"
                        + " atomic=true nothing of it was stored", asErrors(intake.rejections()));
            }
            return jdbi.inTransaction(h -> {
                ImportDao dao = h.attach(ImportDao.class);
                long id = importId == null ? dao.create(who.institutionId(), who.keyId()) : importId;
                dao.lock(id); // parts and deletes of one import take turns
                ImportRow current = dao.find(id).orElseThrow();
                refuseEnded(current);
                int part = dao.addPart(id, intake.read(), intake.queued(), intake.rejected(),
                        json(intake.rejections(), current.parts() + 1), maxRejections);
                return new PartApplier.QueuedPart(id, part, spool, atomic);
            });
        } catch (RuntimeException e) {
            spool.delete();
            throw e;
        }
    }

    private interface Reception {
        PartApplier.QueuedPart receive();
    }

    private ImportView queued(Reception reception) {
        if (!worker.reserve()) {
            throw new ApiException(503, "the import queue is full (imports.queuedParts); retry this part later",
                    List.of(), Duration.ofSeconds(5));
        }
        PartApplier.QueuedPart part;
        try {
            part = reception.receive();
        } catch (RuntimeException e) {
            worker.release();
            throw e;
        }
        worker.submit(part);
        return view(jdbi.withHandle(h -> h.attach(ImportDao.class).find(part.importId())).orElseThrow());
    }

    public ImportView find(long id, Requester who) {
        return view(visible(id, who));
    }

    public List<ImportView> list(Requester who, int limit) {
        return jdbi.withHandle(h -> h.attach(ImportDao.class).list(who.institutionId(), Math.min(limit, MAX_LISTED)))
                .stream().map(this::view).toList();
    }

    /** Removes the import's contribution from everything; a running import is a 409. */
    public ImportView delete(long id, Requester who) {
        visible(id, who);
        ImportRemoval.Outcome outcome = removal.delete(id);
        if (outcome == ImportRemoval.Outcome.RUNNING) {
            throw new ApiException(409, "import " + id + " is still running; delete it once it is done or failed",
                    List.of(), null);
        }
        return find(id, who);
    }

    private PartReader.Intake read(Body body, Long institutionId, SpooledEvents spool) {
        try {
            // The server inflates gzip bodies itself (Dropwizard's gzip handler) and drops the header;
            // one that still says gzip came through without that handler.
            InputStream in = body.gzip() ? new GZIPInputStream(body.stream(), 1 << 16) : body.stream();
            return reader.read(new BoundedInput(in, maxRequestBytes, "the request body"), body.ndjson(), institutionId, spool);
        } catch (BoundedInput.TooLarge e) {
            throw new ApiException(413, e.getMessage(), List.of(), null);
        } catch (java.util.zip.ZipException e) {
            throw ApiException.badRequest("the body is not valid gzip: " + e.getMessage(),
                    List.of(FieldError.ofField("Content-Encoding", "the body is not valid gzip")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<FieldError> asErrors(List<Rejection> rejections) {
        return rejections.stream()
                .map(r -> new FieldError((int) Math.min(Integer.MAX_VALUE, r.line()), r.field(), r.message()))
                .toList();
    }

    private ImportRow visible(long id, Requester who) {
        return jdbi.withHandle(h -> h.attach(ImportDao.class).find(id))
                .filter(row -> who.institutionId() == null || who.institutionId().equals(row.institutionId()))
                .orElseThrow(() -> new ApiException(404, "no import " + id + " visible to this key", List.of(), null));
    }

    private static void refuseEnded(ImportRow row) {
        if (ImportState.FAILED.equals(row.state()) || ImportState.DELETED.equals(row.state())) {
            throw new ApiException(409, "import " + row.id() + " is " + row.state() + "; start a new one", List.of(), null);
        }
    }

    private String json(List<Rejection> rejections, int part) {
        try {
            return mapper.writeValueAsString(rejections.stream()
                    .map(r -> new Rejection(part, r.line(), r.field(), r.message())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportView view(ImportRow row) {
        try {
            return ImportView.of(row, mapper.readValue(row.rejections(), REJECTIONS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rejections of import " + row.id(), e);
        }
    }
}
