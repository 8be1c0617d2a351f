package org.credanalytics.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Conditional GETs for the answers of every {@link DashboardEndpoint}: each 200 gets an
 * {@code ETag} made from the answer itself (without {@code as_of}) and its media type,
 * {@code Cache-Control: private, no-cache} (browsers keep it but ask every time; shared caches
 * don't keep it), and a request whose {@code If-None-Match} holds that tag gets a 304 with no
 * body. The tag is the answer's, not the rollup progress: answers also count raw events the rollup
 * job hasn't reached, so a progress that stood still would not mean the answer did. A 304 saves
 * the transfer and the page's redraw, not the query.
 */
public final class AnswerCaching implements ContainerResponseFilter {
    static final String CACHE_CONTROL = "private, no-cache";
    static final String VARY = "Accept, Authorization";

    private final ObjectMapper mapper;

    public AnswerCaching(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** GETs (and HEADs) of the {@link DashboardEndpoint}s. */
    static boolean isQuery(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        return DashboardEndpoint.at(request.getUriInfo().getPath()).isPresent();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 200 || !response.hasEntity() || !isQuery(request)) {
            return;
        }
        String tag = tag(response.getEntity(), String.valueOf(response.getMediaType()));
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        response.getHeaders().putSingle(HttpHeaders.VARY, VARY);
        if (matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), tag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }

    /** A strong tag: the first 128 bits of SHA-256 over the answer without as_of, and the media type. */
    String tag(Object answer, String mediaType) {
        JsonNode tree = mapper.valueToTree(answer);
        withoutAsOf(tree);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(mapper.writeValueAsBytes(tree));
            sha256.update(mediaType.getBytes(StandardCharsets.UTF_8));
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256.digest(), 16)) + '"';
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void withoutAsOf(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("as_of");
        }
        node.forEach(AnswerCaching::withoutAsOf);
    }

    /** RFC 9110's weak comparison, as If-None-Match uses: W/ prefixes don't matter, * matches anything. */
    static boolean matches(List<String> ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String value = candidate.strip();
                if (value.startsWith("W/")) {
                    value = value.substring(2);
                }
                if (value.equals("*") || value.equals(tag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
