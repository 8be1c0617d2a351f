package org.credanalytics.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.credanalytics.api.ContractClient.Reply;
import org.credanalytics.api.OpenApiDocument.Located;
import org.credanalytics.api.OpenApiDocument.Operation;

/**
 * What is wrong with an answer, measured against what the document says of its operation and
 * status: the status must be documented, the media type one of the documented ones, a JSON body
 * valid against the schema (an undocumented property too is a mistake where the schema says
 * {@code additionalProperties: false}), a response without content empty, and every required
 * header present and valid against its schema.
 */
final class DocumentedAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenApiDocument document;

    DocumentedAnswers(OpenApiDocument document) {
        this.document = document;
    }

    List<String> problems(Operation operation, Reply reply) {
        Optional<Located> documented = document.response(operation, reply.status());
        if (documented.isEmpty()) {
            return List.of(operation.key() + " answered " + reply.status() + ", which is not documented: " + reply);
        }
        List<String> problems = new ArrayList<>();
        Located response = documented.get();
        JsonNode content = response.node().path("content");
        if (content.isEmpty()) {
            if (!reply.body().isEmpty()) {
                problems.add("a " + reply.status() + " is documented without a body, but has one: " + reply);
            }
        } else if (reply.mediaType() == null || !content.has(reply.mediaType())) {
            problems.add("media type " + reply.mediaType() + " is not documented for " + reply.status() + ": " + reply);
        } else {
            String schema = response.pointer() + "/content/" + OpenApiDocument.escape(reply.mediaType()) + "/schema";
            problems.addAll(bodyProblems(schema, reply));
        }
        for (Map.Entry<String, JsonNode> header : response.node().path("headers").properties()) {
            Located definition = document.resolve(response.pointer() + "/headers/" + OpenApiDocument.escape(header.getKey()),
                    header.getValue());
            String value = reply.header(header.getKey());
            if (value == null) {
                if (definition.node().path("required").asBoolean()) {
                    problems.add("required header " + header.getKey() + " is missing: " + reply);
                }
                continue;
            }
            JsonNode typed = "integer".equals(definition.node().path("schema").path("type").asText()) && value.matches("-?\\d{1,18}")
                    ? LongNode.valueOf(Long.parseLong(value)) : TextNode.valueOf(value);
            document.validate(definition.pointer() + "/schema", typed)
                    .forEach(error -> problems.add("header " + header.getKey() + ": " + value + ": " + error + ": " + reply));
        }
        return problems;
    }

    private List<String> bodyProblems(String schema, Reply reply) {
        if (!reply.mediaType().endsWith("json")) {
            return document.validate(schema, TextNode.valueOf(reply.body())).stream()
                    .map(error -> error + ": " + reply).toList();
        }
        JsonNode body;
        try {
            body = JSON.readTree(reply.body());
        } catch (IOException e) {
            return List.of("the body is not JSON: " + reply);
        }
        return document.validate(schema, body).stream().map(error -> error + " in " + reply).toList();
    }
}
