package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The tags are worked out by hand: the first 16 bytes of SHA-256 over the answer's JSON without
 * {@code as_of} followed by the media type, in unpadded base64url ({@code python3 -c "import
 * hashlib,base64; print(base64.urlsafe_b64encode(hashlib.sha256(b'{\"a\":1}application/json')
 * .digest()[:16]))"}).
 */
@Tag("fast")
class AnswerCachingTest {
    private static final String A_JSON = "\"oqS3Dg4_vTr9QQzh6JkNKw\"";
    private static final String A_CSV = "\"E5OP4TzwaafyXOEjk7OHTQ\"";
    private static final String NESTED_JSON = "\"8L31iVuKlakxSMcm24ROKw\"";

    private final AnswerCaching caching = new AnswerCaching(new ObjectMapper());

    @Test
    void tagsTheAnswerWithoutAsOfAndWithItsMediaType() {
        assertThat(caching.tag(answer("a", 1, "as_of", "2026-03-01T00:00:00Z"), "application/json")).isEqualTo(A_JSON);
        assertThat(caching.tag(answer("as_of", "2026-03-02T00:00:00Z", "a", 1), "application/json")).isEqualTo(A_JSON);
        assertThat(caching.tag(answer("a", 1), "text/csv")).isEqualTo(A_CSV);
        Map<String, Object> nested = answer("locations", List.of(answer("location", "DE", "as_of", "x", "n", 5)),
                "as_of", "y");
        assertThat(caching.tag(nested, "application/json")).isEqualTo(NESTED_JSON);
    }

    @Test
    void aDashboardAnswerGetsItsTagAndCachingHeaders() {
        ContainerResponse response = respond("GET", "v1/institutions/42/geo", null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderString(HttpHeaders.ETAG)).isEqualTo(A_JSON);
        assertThat(response.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo("private, no-cache");
        assertThat(response.getHeaderString(HttpHeaders.VARY)).isEqualTo("Accept, Authorization");
    }

    @Test
    void aMatchingIfNoneMatchIsA304WithoutBody() {
        for (String ifNoneMatch : List.of(A_JSON, "W/" + A_JSON, "\"other\", " + A_JSON, "*")) {
            ContainerResponse response = respond("HEAD", "v1/platform/institutions", ifNoneMatch);

            assertThat(response.getStatus()).as(ifNoneMatch).isEqualTo(304);
            assertThat(response.hasEntity()).isFalse();
            assertThat(response.getHeaderString(HttpHeaders.CONTENT_TYPE)).isNull();
            assertThat(response.getHeaderString(HttpHeaders.ETAG)).isEqualTo(A_JSON);
        }
        assertThat(respond("GET", "v1/institutions/42/geo", "\"other\"").getStatus()).isEqualTo(200);
    }

    @Test
    void otherRequestsAreLeftAlone() {
        for (String[] request : new String[][] {{"POST", "v1/institutions/42/geo"},
                {"GET", "v1/institutions/42/embed-tokens"}, {"GET", "v1/imports/42"}, {"GET", "v1/institutions/42/geo/x"}}) {
            ContainerResponse response = respond(request[0], request[1], A_JSON);

            assertThat(response.getStatus()).as(String.join(" ", request)).isEqualTo(200);
            assertThat(response.getHeaderString(HttpHeaders.ETAG)).as(String.join(" ", request)).isNull();
        }
    }

    /** A 200 with the answer {@code {"a":1,"as_of":...}} as JSON, through the filter. */
    private ContainerResponse respond(String method, String path, String ifNoneMatch) {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"),
                URI.create("http://localhost/" + path), method, null, new MapPropertiesDelegate(), new ResourceConfig());
        if (ifNoneMatch != null) {
            request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
        }
        ContainerResponse response = new ContainerResponse(request,
                Response.ok(answer("a", 1, "as_of", "2026-03-01T00:00:00Z"), MediaType.APPLICATION_JSON_TYPE).build());
        caching.filter(request, response);
        return response;
    }

    private static Map<String, Object> answer(Object... keysAndValues) {
        Map<String, Object> answer = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            answer.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return answer;
    }
}
