package org.credanalytics.imports;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.credanalytics.api.ApiException;
import org.credanalytics.api.FieldError;
import org.credanalytics.api.Texts;
import org.credanalytics.auth.ApiKey;
import org.credanalytics.ingest.EventResource;

/**
 * History imports. {@code POST /v1/imports} starts one with its first part and answers 202 with
 * the import; {@code POST /v1/imports/{id}/parts} adds a part; {@code GET /v1/imports/{id}} and
 * {@code GET /v1/imports} show them; {@code DELETE /v1/imports/{id}} removes one's events from
 * every rollup. Admin keys, and institution keys with the {@code import} scope for their own
 * institution's events and imports (the access policy lets only those through).
 */
@Path("/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
public final class ImportResource {
    private final Imports imports;

    public ImportResource(Imports imports) {
        this.imports = imports;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response start(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
                          @QueryParam("atomic") String atomic, InputStream body, @Context SecurityContext security) {
        Imports.Body part = body(contentType, contentEncoding, body);
        ImportView started = imports.start(requester(security), part, atomic(atomic));
        return Response.accepted(started).location(URI.create("/v1/imports/" + started.id())).build();
    }

    @POST
    @Path("/{id}/parts")
    @Consumes(MediaType.WILDCARD)
    public Response addPart(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
                            @QueryParam("atomic") String atomic, InputStream body, @Context SecurityContext security) {
        long importId = importId(id);
        Imports.Body part = body(contentType, contentEncoding, body);
        return Response.accepted(imports.addPart(importId, requester(security), part, atomic(atomic))).build();
    }

    @GET
    @Path("/{id}")
    public ImportView find(@PathParam("id") String id, @Context SecurityContext security) {
        return imports.find(importId(id), requester(security));
    }

    @GET
    public Map<String, List<ImportView>> list(@QueryParam("limit") String limit, @Context SecurityContext security) {
        return Map.of("imports", imports.list(requester(security), limit(limit)));
    }

    @DELETE
    @Path("/{id}")
    public ImportView delete(@PathParam("id") String id, @Context SecurityContext security) {
        return imports.delete(importId(id), requester(security));
    }

    private static Imports.Body body(String contentType, String contentEncoding, InputStream body) {
        boolean ndjson = EventResource.requireJson(contentType, true);
        boolean gzip = contentEncoding != null && !contentEncoding.isBlank() && !"identity".equalsIgnoreCase(contentEncoding.trim());
        if (gzip && !"gzip".equalsIgnoreCase(contentEncoding.trim())) {
            String message = "unsupported Content-Encoding '" + contentEncoding.trim() + "'; send gzip or none";
            throw new ApiException(415, message, List.of(FieldError.ofField("Content-Encoding", message)), null);
        }
        return new Imports.Body(body, ndjson, gzip);
    }

    private static Imports.Requester requester(SecurityContext security) {
        ApiKey key = (ApiKey) security.getUserPrincipal();
        return new Imports.Requester(key.id(), key.isAdmin() ? null : key.institutionId());
    }

    private static boolean atomic(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badParameter("atomic", "atomic must be true or false");
    }

    private static int limit(String value) {
        if (value == null) {
            return Imports.MAX_LISTED;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= Imports.MAX_LISTED) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter("limit", "limit must be an integer from 1 to " + Imports.MAX_LISTED);
    }

    private static long importId(String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter("id", "an import id is a positive integer, not '" + Texts.shorten(value, 40) + "'");
    }
}
