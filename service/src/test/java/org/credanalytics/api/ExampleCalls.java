package org.credanalytics.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.credanalytics.api.ContractClient.Call;
import org.credanalytics.api.OpenApiDocument.Located;
import org.credanalytics.api.OpenApiDocument.Operation;

/**
 * Requests made from the document's own examples, so that a new operation or parameter is called
 * as soon as it is documented: every required parameter with its example; then once more for each
 * example of each optional parameter, and for each example request body. Also the requests that
 * break one documented constraint of one parameter at a time.
 */
final class ExampleCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenApiDocument document;

    ExampleCalls(OpenApiDocument document) {
        this.document = document;
    }

    /** A request, and the body schema it was made from (null without one). */
    record Example(Call call, String bodySchemaPointer, JsonNode body) {
    }

    /** A request that breaks one parameter's documented constraint: its 400 must name {@code parameter}. */
    record Invalid(Call call, String parameter, String why) {
    }

    List<Example> examples(Operation operation) {
        Map<String, String> query = requiredQuery(operation);
        List<Map<String, String>> queries = new ArrayList<>(List.of(query));
        for (JsonNode parameter : operation.parameters("query")) {
            if (!parameter.path("required").asBoolean()) {
                for (String value : exampleValues(parameter)) {
                    Map<String, String> more = new LinkedHashMap<>(query);
                    more.put(parameter.get("name").asText(), value);
                    queries.add(more);
                }
            }
        }
        List<Example> examples = new ArrayList<>();
        for (Map<String, String> q : queries) {
            Call call = Call.of(operation.method(), target(operation, pathValues(operation, Map.of()), q));
            examples.addAll(withBodies(operation, call, q == query));
        }
        return examples;
    }

    /** The first example request: enough to reach the operation. */
    Example first(Operation operation) {
        return examples(operation).get(0);
    }

    List<Invalid> invalid(Operation operation) {
        List<Invalid> invalid = new ArrayList<>();
        Map<String, String> query = requiredQuery(operation);
        Call first = first(operation).call();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.get("name").asText();
            String in = parameter.get("in").asText();
            for (Map.Entry<String, String> bad : violations(parameter.path("schema")).entrySet()) {
                if ("query".equals(in)) {
                    Map<String, String> q = new LinkedHashMap<>(query);
                    q.put(name, bad.getValue());
                    invalid.add(new Invalid(first.withTarget(target(operation, pathValues(operation, Map.of()), q)), name, bad.getKey()));
                } else if ("path".equals(in)) {
                    String target = target(operation, pathValues(operation, Map.of(name, bad.getValue())), query);
                    invalid.add(new Invalid(first.withTarget(target), name, bad.getKey()));
                }
            }
            if ("query".equals(in) && parameter.path("required").asBoolean()) {
                Map<String, String> q = new LinkedHashMap<>(query);
                q.remove(name);
                invalid.add(new Invalid(first.withTarget(target(operation, pathValues(operation, Map.of()), q)), name, "missing"));
            }
        }
        return invalid;
    }

    /** Values the schema forbids, by what they break. */
    private static Map<String, String> violations(JsonNode schema) {
        Map<String, String> bad = new LinkedHashMap<>();
        if (schema.has("enum")) {
            bad.put("not in enum", "not-a-documented-value");
        }
        if ("integer".equals(schema.path("type").asText())) {
            bad.put("not an integer", "abc");
            if (schema.has("minimum")) {
                bad.put("below minimum", Long.toString(schema.get("minimum").asLong() - 1));
            }
            if (schema.has("maximum")) {
                bad.put("above maximum", Long.toString(schema.get("maximum").asLong() + 1));
            }
        }
        if ("date".equals(schema.path("format").asText())) {
            bad.put("not a date", "2026-02-30");
        }
        return bad;
    }

    /** The call without a body if the body is optional; with every example body, or (not everyBody) the first. */
    private List<Example> withBodies(Operation operation, Call call, boolean everyBody) {
        Optional<Located> body = document.requestBody(operation);
        boolean optional = body.isEmpty() || !body.get().node().path("required").asBoolean();
        List<Example> examples = new ArrayList<>();
        if (optional) {
            examples.add(new Example(call, null, null));
        }
        if (body.isEmpty() || (optional && !everyBody)) {
            return examples;
        }
        for (Map.Entry<String, JsonNode> type : body.get().node().path("content").properties()) {
            JsonNode example = type.getValue().get("example");
            if (example == null) {
                throw new IllegalStateException(operation.key() + ": request body " + type.getKey() + " has no example");
            }
            String schema = body.get().pointer() + "/content/" + OpenApiDocument.escape(type.getKey()) + "/schema";
            byte[] bytes = example.isTextual() ? example.asText().getBytes(StandardCharsets.UTF_8) : json(example);
            examples.add(new Example(call.withBody(type.getKey(), bytes), schema, example));
            if (!everyBody) {
                break;
            }
        }
        return examples;
    }

    private static Map<String, String> requiredQuery(Operation operation) {
        Map<String, String> query = new LinkedHashMap<>();
        for (JsonNode parameter : operation.parameters("query")) {
            if (parameter.path("required").asBoolean()) {
                query.put(parameter.get("name").asText(), exampleValues(parameter).stream().findFirst().orElseThrow(
                        () -> new IllegalStateException(operation.key() + ": required parameter "
                                + parameter.get("name").asText() + " has no example")));
            }
        }
        return query;
    }

    private static Map<String, String> pathValues(Operation operation, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode parameter : operation.parameters("path")) {
            String name = parameter.get("name").asText();
            values.put(name, overrides.getOrDefault(name, exampleValues(parameter).stream().findFirst().orElseThrow(
                    () -> new IllegalStateException(operation.key() + ": path parameter " + name + " has no example"))));
        }
        return values;
    }

    /** {@code example}, or the values of {@code examples}. */
    private static List<String> exampleValues(JsonNode parameter) {
        List<String> values = new ArrayList<>();
        if (parameter.has("example")) {
            values.add(parameter.get("example").asText());
        }
        parameter.path("examples").forEach(example -> values.add(example.path("value").asText()));
        return values;
    }

    private static String target(Operation operation, Map<String, String> pathValues, Map<String, String> query) {
        String path = operation.path();
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", encode(value.getValue()));
        }
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> q.add(encode(name) + "=" + encode(value)));
        return path + q;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
