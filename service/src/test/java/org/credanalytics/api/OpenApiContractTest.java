package org.credanalytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.api.ContractClient.Call;
import org.credanalytics.api.ContractClient.Reply;
import org.credanalytics.api.ExampleCalls.Example;
import org.credanalytics.api.ExampleCalls.Invalid;
import org.credanalytics.api.JaxRsRoutes.Route;
import org.credanalytics.api.OpenApiDocument.Operation;
import org.credanalytics.query.DashboardEndpoint;
import org.credanalytics.query.QueryEndpoint;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.credanalytics.testing.TestKeys;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document ({@code service/src/main/resources/openapi/openapi.yaml}, as served at
 * {@value #DOCUMENT}) and the running service can't drift apart: every {@code /v1} resource method
 * that Jersey has registered is an operation of the document with the same path and query
 * parameters, and the other way round; every operation is called with the document's examples
 * and every answer (status, media type, body, required headers) must be one the document
 * describes, with schemas that refuse undocumented properties; every documented parameter
 * constraint is a 400 naming the parameter; and Swagger UI serves the document at {@code /docs/}.
 */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class OpenApiContractTest {
    static final String DOCUMENT = "/openapi/openapi.yaml";
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("rollup.interval", "200ms"),
            ConfigOverride.config("ingest.maxRequestSize", "1MiB"),
            ConfigOverride.config("imports.maxRequestSize", "1MiB"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HANDLED_BY = "x-handled-by";

    private ContractClient client;
    private OpenApiDocument document;
    private DocumentedAnswers answers;
    private ExampleCalls examples;

    @BeforeEach
    void readTheServedDocument() {
        client = new ContractClient(APP.getLocalPort());
        Reply served = client.send(Call.of("GET", DOCUMENT));
        assertThat(served.status()).as("GET " + DOCUMENT).isEqualTo(200);
        assertThat(served.mediaType()).as("GET " + DOCUMENT).isEqualTo("application/yaml");
        document = OpenApiDocument.read(served.body());
        answers = new DocumentedAnswers(document);
        examples = new ExampleCalls(document);
    }

    /** The imports that the document's examples name: one done, one failed (which may be deleted). */
    @BeforeEach
    void storeTheExamplesImports() {
        TestDatabase.get().jdbi().useHandle(h -> h.execute("""
                INSERT INTO imports (id, state, parts, parts_done, finished_at)
                VALUES (900000042, 'done', 1, 1, now()), (900000043, 'failed', 1, 0, now())"""));
    }

    @Test
    void theDocumentIsValidOpenApiAndSwaggerUiServesIt() {
        assertThat(document.problems()).as("swagger-parser's findings").isEmpty();
        assertThat(document.root().path("openapi").asText()).startsWith("3.1.");
        assertThat(document.operations()).extracting(Operation::path).allMatch(path -> path.startsWith("/v1/"));

        Reply page = client.send(Call.of("GET", "/docs/"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.mediaType()).isEqualTo("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        Matcher scripts = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        while (scripts.find()) {
            assertThat(scripts.group(1)).as("a script loaded from a file (CSP forbids inline ones)").contains("src=");
            assertThat(scripts.group(2)).as("an inline script").isBlank();
        }
        assertThat(page.body()).doesNotContainPattern("(?i)\\son[a-z]+\\s*=");
        Matcher links = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"").matcher(page.body());
        List<String> files = new ArrayList<>();
        while (links.find()) {
            files.add(links.group(1));
        }
        assertThat(files).anyMatch(f -> f.endsWith("/swagger-ui-bundle.js")).anyMatch(f -> f.endsWith("/swagger-init.js"));
        for (String file : files) {
            Reply reply = client.send(Call.of("GET", file));
            assertThat(reply.status()).as("GET " + file).isEqualTo(200);
            if (file.endsWith("/swagger-init.js")) {
                assertThat(reply.body()).as("the document Swagger UI shows").contains("'" + DOCUMENT + "'");
            }
        }
    }

    @Test
    void everyResourceMethodUnderV1IsAnOperationWithTheSameParameters() {
        ResourceConfig config = APP.getEnvironment().jersey().getResourceConfig();
        Map<String, Route> routes = JaxRsRoutes.of(config).stream()
                .filter(route -> route.path().startsWith("/v1/"))
                .collect(Collectors.toMap(Route::key, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("two resource methods for " + a.key() + ": " + a.javaMethod() + ", " + b.javaMethod());
                }, TreeMap::new));
        Map<String, Operation> operations = document.operations().stream()
                .collect(Collectors.toMap(Operation::key, Function.identity(), (a, b) -> a, TreeMap::new));
        assertThat(routes).as("sanity: the resources were found").hasSizeGreaterThan(5);

        Set<String> undocumented = new TreeSet<>(routes.keySet());
        undocumented.removeAll(operations.keySet());
        assertThat(undocumented.stream().map(key -> key + " (" + routes.get(key).javaMethod() + ")"))
                .as("resource methods missing from " + DOCUMENT).isEmpty();
        Set<String> missing = new TreeSet<>(operations.keySet());
        missing.removeAll(routes.keySet());
        assertThat(missing).as("operations of " + DOCUMENT + " that the application does not have").isEmpty();

        for (Route route : routes.values()) {
            Operation operation = operations.get(route.key());
            Set<String> query = new TreeSet<>();
            operation.parameters("query").stream().filter(p -> !p.has(HANDLED_BY))
                    .forEach(p -> query.add(p.get("name").asText()));
            assertThat(query).as("query parameters of " + route.key() + " (" + route.javaMethod() + ")")
                    .isEqualTo(route.queryParameters());
            assertThat(operation.names("path")).as("path parameters of " + route.key()).isEqualTo(route.pathParameters())
                    .isEqualTo(templateNames(route.path()));
        }
    }

    /**
     * {@link DashboardEndpoint} describes exactly the documented operations that answer CSV, each
     * with the {@code format} parameter; each is the resource method tagged with it, at its path;
     * and an embed token reads exactly those it calls embeddable.
     */
    @Test
    void theDashboardEndpointsAreTheDocumentedCsvOperationsAndTheResourceMethodsTaggedWithThem() {
        Map<String, DashboardEndpoint> described = new TreeMap<>();
        for (DashboardEndpoint endpoint : DashboardEndpoint.values()) {
            described.put("GET " + endpoint.path(), endpoint);
        }
        Set<String> csvOperations = document.operations().stream()
                .filter(o -> document.response(o, 200).map(r -> r.node().path("content").has("text/csv")).orElse(false))
                .map(Operation::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(csvOperations).as("operations of " + DOCUMENT + " that answer text/csv").isEqualTo(described.keySet());
        Map<String, DashboardEndpoint> tagged = new TreeMap<>();
        for (Route route : JaxRsRoutes.of(APP.getEnvironment().jersey().getResourceConfig())) {
            QueryEndpoint tag = route.definition().getAnnotation(QueryEndpoint.class);
            if (tag != null) {
                tagged.put(route.key(), tag.value());
            }
        }
        assertThat(tagged).as("resource methods by their @QueryEndpoint").isEqualTo(described);

        String embedToken = mintEmbedToken(42); // the institution of the examples
        for (Operation operation : document.operations()) {
            DashboardEndpoint endpoint = described.get(operation.key());
            if (endpoint == null) {
                continue;
            }
            assertThat(operation.names("query")).as(operation.key()).contains("format");
            Call call = examples.first(operation).call().withHeader("Authorization", "Bearer " + embedToken);
            assertThat(client.send(call).status()).as(operation.key() + " with an embed token")
                    .isEqualTo(endpoint.embeddable() ? 200 : 403);
        }
    }

    /** Parameters a filter reads rather than a resource method: the filter is registered, and reads them where documented only. */
    @Test
    void parametersReadByFiltersAreRegisteredAndHonouredOnlyWhereDocumented() throws ClassNotFoundException {
        Set<Class<?>> registered = JaxRsRoutes.registered(APP.getEnvironment().jersey().getResourceConfig());
        Map<String, String> handled = new TreeMap<>();
        for (Operation operation : document.operations()) {
            for (JsonNode parameter : operation.parameters("query")) {
                if (parameter.has(HANDLED_BY)) {
                    handled.put(parameter.get("name").asText(), parameter.get(HANDLED_BY).asText());
                }
            }
        }
        for (Map.Entry<String, String> parameter : handled.entrySet()) {
            assertThat(registered).as(parameter.getKey() + " is read by " + parameter.getValue())
                    .contains(Class.forName(parameter.getValue()));
            for (Operation operation : document.operations()) {
                if (!"GET".equals(operation.method()) || operation.names("query").contains(parameter.getKey())) {
                    continue; // where documented, the constraint test checks that it is read
                }
                Call call = examples.first(operation).call();
                String target = call.target() + (call.target().contains("?") ? "&" : "?") + parameter.getKey() + "=not-a-documented-value";
                Reply reply = client.send(admin(call.withTarget(target)));
                assertThat(namedFields(reply)).as(operation.key() + " does not document " + parameter.getKey() + ": " + reply)
                        .doesNotContain(parameter.getKey());
            }
        }
    }

    @Test
    void everyOperationAnswersItsExamplesAsDocumented() {
        ingestSampleEvents();
        boolean citus = TestDatabase.citusRequested();
        List<String> problems = new ArrayList<>();
        Map<String, Set<Integer>> statuses = new TreeMap<>();
        List<Operation> operations = new ArrayList<>(document.operations());
        operations.sort(Comparator.comparing(o -> "GET".equals(o.method()))); // writes first, so reads see their events
        for (Operation operation : operations) {
            if (citus && requiresCitus(operation) && !"GET".equals(operation.method())) {
                continue; // e.g. starting a rebalance would move the shards of a shared test cluster
            }
            for (Example example : examples.examples(operation)) {
                if (example.bodySchemaPointer() != null) {
                    assertThat(document.validate(example.bodySchemaPointer(), example.body()))
                            .as("the example request body of " + operation.key() + " against its own schema").isEmpty();
                }
                List<Call> calls = new ArrayList<>(List.of(admin(example.call())));
                if (document.response(operation, 200).map(r -> r.node().path("content").has("text/csv")).orElse(false)) {
                    calls.add(admin(example.call()).withHeader("Accept", "text/csv"));
                }
                for (Call call : calls) {
                    Reply reply = client.send(call);
                    problems.addAll(answers.problems(operation, reply));
                    statuses.computeIfAbsent(operation.key(), k -> new TreeSet<>()).add(reply.status());
                    if (reply.status() == 200 && reply.header("ETag") != null) {
                        Reply again = client.send(call.withHeader("If-None-Match", reply.header("ETag")));
                        assertThat(again.status()).as("the same answer with If-None-Match: " + again).isEqualTo(304);
                        problems.addAll(answers.problems(operation, again));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        for (Operation operation : operations) {
            if (citus && requiresCitus(operation) && !"GET".equals(operation.method())) {
                continue;
            }
            Set<Integer> seen = statuses.get(operation.key());
            if (!citus && requiresCitus(operation)) {
                assertThat(seen).as(operation.key() + " on plain PostgreSQL").containsOnly(400);
            } else {
                assertThat(seen).as(operation.key() + " answered a 2xx to its examples").anyMatch(s -> s / 100 == 2);
            }
        }
    }

    @Test
    void everyDocumentedParameterConstraintIsA400NamingTheParameter() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Operation operation : document.operations()) {
            for (Invalid invalid : examples.invalid(operation)) {
                Reply reply = client.send(admin(invalid.call()));
                checked++;
                problems.addAll(answers.problems(operation, reply));
                if (reply.status() != 400 || !namedFields(reply).contains(invalid.parameter())) {
                    problems.add(invalid.parameter() + " " + invalid.why() + " should be a 400 naming it: " + reply);
                }
            }
        }
        assertThat(checked).as("constraints checked").isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void refusalsAreDocumentedJsonErrors() {
        String ownToken = mintEmbedToken(42);
        String otherToken = mintEmbedToken(43);
        List<String> problems = new ArrayList<>();
        for (Operation operation : document.operations()) {
            Call call = examples.first(operation).call();
            expect(operation, client.send(call), 401, problems);
            expect(operation, client.send(call.withHeader("Authorization", "Bearer " + otherToken)), 403, problems);
            problems.addAll(answers.problems(operation, client.send(call.withHeader("Authorization", "Bearer " + ownToken))));
            if (document.requestBody(operation).isEmpty()) {
                continue;
            }
            // Whatever an operation with a body answers to another media type or a body over the size limit must be
            // documented; where 415 and 413 are, they are the answer.
            Reply plain = client.send(admin(call.withBody("text/plain", "x".getBytes(StandardCharsets.UTF_8))));
            problems.addAll(answers.problems(operation, plain));
            if (operation.hasResponse(415)) {
                expect(operation, plain, 415, problems);
                assertThat(namedFields(plain)).as(plain.toString()).contains("Content-Type");
            }
            byte[] tooLarge = new byte[MAX_REQUEST_BYTES + 1];
            Arrays.fill(tooLarge, (byte) ' ');
            Reply large = client.send(admin(call.withBody("application/json", tooLarge)));
            problems.addAll(answers.problems(operation, large));
            if (operation.hasResponse(413)) {
                expect(operation, large, 413, problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The event schema refuses what the service refuses, and accepts what it accepts. */
    @Test
    void theEventSchemaAgreesWithTheIngestValidator() {
        Operation ingest = document.operations().stream().filter(o -> o.key().equals("POST /v1/events")).findFirst().orElseThrow();
        String schema = document.requestBody(ingest).orElseThrow().pointer() + "/content/application~1json/schema";
        for (Map.Entry<String, String> event : EventSamples.REFUSED.entrySet()) {
            assertThat(document.validate(schema, json(event.getKey()))).as("the schema refuses " + event.getKey()).isNotEmpty();
            Reply reply = client.send(admin(Call.of("POST", "/v1/events").withBody("application/json", bytes(event.getKey()))));
            assertThat(answers.problems(ingest, reply)).isEmpty();
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(namedFields(reply)).as(reply.toString()).contains(event.getValue());
        }
        for (String event : EventSamples.ACCEPTED) {
            assertThat(document.validate(schema, json(event))).as("the schema accepts " + event).isEmpty();
            Reply reply = client.send(admin(Call.of("POST", "/v1/events").withBody("application/json", bytes(event))));
            assertThat(answers.problems(ingest, reply)).isEmpty();
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        }
    }

    private void expect(Operation operation, Reply reply, int status, List<String> problems) {
        if (reply.status() != status) {
            problems.add(operation.key() + " should answer " + status + ": " + reply);
        }
        problems.addAll(answers.problems(operation, reply));
    }

    private void ingestSampleEvents() {
        String batch = Events.mixed(new Random(17), "contract", 400, 42, 3,
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
        Reply reply = client.send(admin(Call.of("POST", "/v1/events/batch").withBody("application/json", bytes(batch))));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private String mintEmbedToken(long institutionId) {
        Reply reply = client.send(admin(Call.of("POST", "/v1/institutions/" + institutionId + "/embed-tokens")
                .withBody("application/json", bytes("{}"))));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return json(reply.body()).get("token").asText();
    }

    private static Call admin(Call call) {
        return call.withHeader("Authorization", "Bearer " + TestKeys.ADMIN);
    }

    private static boolean requiresCitus(Operation operation) {
        return "citus".equals(operation.node().path("x-requires").asText());
    }

    /** The fields an error answer names. */
    private static Set<String> namedFields(Reply reply) {
        Set<String> fields = new TreeSet<>();
        if (reply.status() >= 400 && "application/json".equals(reply.mediaType())) {
            json(reply.body()).path("errors").forEach(error -> fields.add(error.path("field").asText()));
        }
        return fields;
    }

    private static Set<String> templateNames(String path) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
