package org.credanalytics.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The OpenAPI document as the service serves it, read as a tree: its operations, their parameters
 * and responses with local {@code $ref}s followed, and the JSON Schema at any place of it, compiled
 * by networknt's validator in the OpenAPI 3.1 dialect with format assertions on, so that the
 * document's {@code $ref}s between schemas resolve as they would for any client.
 */
final class OpenApiDocument {
    static final String IRI = "https://credential-analytics.invalid/openapi/openapi.json";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    /** The top-level fields of an OpenAPI document, which are not schema keywords when the document is read as a schema resource. */
    private static final List<String> DOCUMENT_FIELDS = List.of("openapi", "info", "jsonSchemaDialect", "servers", "paths",
            "webhooks", "components", "security", "tags", "externalDocs");

    private final JsonNode root;
    private final SchemaRegistry registry;
    private final List<String> problems;

    /** One operation, and the JSON pointer of its node in the document. */
    record Operation(String method, String path, String pointer, JsonNode node, List<JsonNode> parameters) {
        String key() {
            return method + " " + path;
        }

        Set<String> names(String in) {
            Set<String> names = new TreeSet<>();
            parameters(in).forEach(p -> names.add(p.get("name").asText()));
            return names;
        }

        List<JsonNode> parameters(String in) {
            return parameters.stream().filter(p -> in.equals(p.path("in").asText())).toList();
        }

        boolean hasResponse(int status) {
            return node.path("responses").has(Integer.toString(status));
        }
    }

    /** A place in the document, after its references are followed. */
    record Located(String pointer, JsonNode node) {
    }

    private OpenApiDocument(JsonNode root, SchemaRegistry registry, List<String> problems) {
        this.root = root;
        this.registry = registry;
        this.problems = problems;
    }

    static OpenApiDocument read(String yaml) {
        JsonNode root;
        String json;
        try {
            root = new YAMLMapper().readTree(yaml);
            json = new ObjectMapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>(Optional.ofNullable(new OpenAPIV3Parser().readContents(yaml).getMessages())
                .orElse(List.of()));
        Dialect dialect = Dialect.builder(Dialects.getOpenApi31())
                .keywords(DOCUMENT_FIELDS.stream().map(NonValidationKeyword::new).toList())
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect, builder -> builder
                .schemas(Map.of(IRI, json))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        return new OpenApiDocument(root, registry, problems);
    }

    /** What swagger-parser found wrong with the document as OpenAPI (empty when it is valid). */
    List<String> problems() {
        return problems;
    }

    JsonNode root() {
        return root;
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            String pathPointer = "/paths/" + escape(path.getKey());
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    List<JsonNode> parameters = Stream.concat(
                                    stream(path.getValue().path("parameters")), stream(operation.path("parameters")))
                            .map(p -> resolve("", p).node())
                            .toList();
                    operations.add(new Operation(method.toUpperCase(), path.getKey(), pathPointer + "/" + method,
                            operation, parameters));
                }
            }
        }
        return operations;
    }

    /** The response documented for {@code status}, if any. */
    Optional<Located> response(Operation operation, int status) {
        String pointer = operation.pointer() + "/responses/" + status;
        JsonNode node = root.at(pointer);
        return node.isMissingNode() ? Optional.empty() : Optional.of(resolve(pointer, node));
    }

    Optional<Located> requestBody(Operation operation) {
        String pointer = operation.pointer() + "/requestBody";
        JsonNode node = root.at(pointer);
        return node.isMissingNode() ? Optional.empty() : Optional.of(resolve(pointer, node));
    }

    /** The node at {@code pointer}, following {@code $ref}s to the place they name. */
    Located resolve(String pointer, JsonNode node) {
        for (int hops = 0; node.has("$ref") && node.get("$ref").asText().startsWith("#"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException("a $ref loop at " + pointer);
            }
            pointer = node.get("$ref").asText().substring(1);
            node = root.at(pointer);
            if (node.isMissingNode()) {
                throw new IllegalStateException("$ref to a missing place: #" + pointer);
            }
        }
        return new Located(pointer, node);
    }

    /** The schema's complaints about {@code value}, each with where in the value it is. */
    List<String> validate(String schemaPointer, JsonNode value) {
        Schema schema = registry.getSchema(SchemaLocation.of(IRI + "#" + schemaPointer.replace("{", "%7B").replace("}", "%7D")));
        return schema.validate(value).stream().map(Error::toString).toList();
    }

    /** The JSON pointer token for one key: {@code ~} and {@code /} escaped. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
