package org.credanalytics.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates malformed (and some surprisingly valid) requests, request {@code n} always the same
 * for a given seed, whatever order they are sent in. Every event of request {@code n} has an
 * event id starting with {@code fz<n>-}, so the test can tell which request wrote what.
 */
final class FuzzRequests {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String[] FIELDS = {"event_id", "event_type", "institution_id", "occurred_at", "metadata"};
    static final String[] INJECTIONS = {
        "'; DROP TABLE analytics_events; --", "\" OR \"1\"=\"1", "1 OR 1=1", "1; SELECT pg_sleep(30)",
        "$$; DELETE FROM analytics_events; $$", "' UNION SELECT usename, passwd FROM pg_shadow --",
        "Robert'); DROP TABLE students;--", "COPY analytics_events TO PROGRAM 'id'", "E'\\\\x41'", "\\.",
        "<script>alert(document.cookie)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
        "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "#{7*7}", "%s%s%s%n", "../../../../etc/passwd",
        "\r\nSet-Cookie: x=1\r\n", "ñ€𝄞😀 Ω≈ç√", "\t\b\f\u0001\u001f", "\\u0000", "null", "true", "[]", "{}"};
    static final String[] QUERY_ENDPOINTS = {
        "/v1/institutions/%s/activity", "/v1/institutions/%s/geo", "/v1/institutions/%s/credential-types",
        "/v1/institutions/%s/summary", "/v1/platform/institutions", "/v1/platform/geo"};
    static final String[] BAD_IDS = {"0", "-1", "abc", "1.5", "9223372036854775808", "99999999999999999999999",
        "1e3", "0x10", "' OR 1=1 --", "%00", "%20", "NaN", "１", "1;DROP TABLE x"};
    static final String[] BAD_DATES = {"", "2026-13-01", "2026-02-30", "yesterday", "2026/03/01", "20260301",
        "2026-03-01T00:00:00Z", "-999999999-01-01", "+999999999-12-31", "99999-01-01", "0000-00-00",
        "2026-03-01' OR '1'='1", "1900-01-01", "3000-01-01", "２０２６-03-01"};
    static final String[] BAD_ZONES = {"Mars/Olympus", "UTC'; DROP TABLE x; --", "+25:00", "GMT+99", "../../etc",
        "Europe/Berlin\u0000", "", "Z", "+05:30", "EST5EDT", "utc", "America/New_York", "SystemV/EST5"};
    static final String[] BAD_GRANULARITIES = {"hour", "year", "DAY", "wk", "", "day;", "1", "week' --", "month\n"};
    static final String[] BAD_LIMITS = {"0", "-1", "1001", "1e3", "abc", "99999999999999999999", "", "5.5", " 5", "2147483648"};
    static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/json; charset=latin1", "garbage", "application/*", "*/*",
        "application/x-www-form-urlencoded", "application/jsonp", "application/ndjson", "text/json", ";;;", "application/json; charset="};
    static final String[] ODD_PATHS = {"/v1/events/", "/v1//events", "/v1/events/batch/extra", "/V1/EVENTS", "/v1/event",
        "/v1/institutions//summary", "/v1/institutions/1/unknown", "/v1/institutions/1/summary/extra", "/v1", "/",
        "/v1/events;jsessionid=1", "/v1/events/%2e%2e/events", "/v1/events%20", "/v1/platform", "/v2/events",
        "/v1/events/batch?x=%00", "/v1/institutions/%2F/summary", "/admin", "/prometheus", "/v1/cluster/../events"};

    enum Kind { TRUNCATED, MUTATED, INVALID_UTF8, WRONG_TYPE, HUGE_NUMBER, DEEP_NESTING, HUGE_STRING, INJECTION,
        BAD_QUERY, CONTENT_TYPE, METHOD, ODD_PATH, NOT_AN_EVENT }

    /** One request; {@code ids} are the event ids it was built with (before any corruption). */
    record Request(int n, Kind kind, String method, String path, Map<String, String> headers, byte[] body,
                   List<String> ids, List<ObjectNode> events) {
        boolean isIngest() {
            return "POST".equals(method) && (path.equals("/v1/events") || path.equals("/v1/events/batch"));
        }

        String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
            return "#" + n + " " + kind + " " + method + " " + (path.length() > 120 ? path.substring(0, 120) + "…" : path)
                    + " " + headers + " body(" + (body == null ? 0 : body.length) + ")=" + text.replace("\n", "\\n");
        }
    }

    private final long seed;
    private final Instant at = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    FuzzRequests(long seed) {
        this.seed = seed;
    }

    Request request(int n) {
        Random random = new Random(seed ^ (n * 0x9E3779B97F4A7C15L));
        Kind kind = n % 2000 == 7 ? Kind.HUGE_STRING : Kind.values()[random.nextInt(Kind.values().length)];
        return switch (kind) {
            case BAD_QUERY -> badQuery(n, random);
            case METHOD -> wrongMethod(n, random);
            case ODD_PATH -> oddPath(n, random);
            case CONTENT_TYPE -> wrongContentType(n, random);
            default -> ingest(n, kind, random);
        };
    }

    private Request ingest(int n, Kind kind, Random random) {
        List<ObjectNode> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String id = "fz" + n + "-" + i;
            ids.add(id);
            events.add(validEvent(id, random));
        }
        ObjectNode target = events.get(random.nextInt(count));
        byte[] body = null;
        switch (kind) {
            case WRONG_TYPE -> target.set(pick(random, FIELDS), wrongValue(random));
            case HUGE_NUMBER -> {
                String field = pick(random, "institution_id", "institution_id", "occurred_at", "event_id", "metadata.n",
                        "metadata.processing_time_ms");
                JsonNode huge = hugeNumber(random);
                if (field.startsWith("metadata.")) {
                    ((ObjectNode) target.get("metadata")).set(field.substring(9), huge);
                } else {
                    target.set(field, huge);
                }
            }
            case INJECTION -> inject(target, random, ids, events.indexOf(target));
            case HUGE_STRING -> hugeString(target, random, n);
            case DEEP_NESTING -> {
                int depth = pickInt(random, 33, 100, 1_000, 10_000);
                if (random.nextBoolean()) {
                    body = ("[" + "[".repeat(depth) + "]".repeat(depth) + "]").getBytes(StandardCharsets.UTF_8);
                } else {
                    String nested = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    body = serialize(events, true).replace("\"metadata\":{", "\"metadata\":{\"deep\":" + nested + ",")
                            .getBytes(StandardCharsets.UTF_8);
                }
            }
            default -> {
            }
        }
        boolean single = count == 1 && random.nextInt(3) == 0;
        boolean ndjson = !single && random.nextInt(4) == 0;
        if (body == null) {
            body = (ndjson ? ndjson(events) : serialize(events, !single)).getBytes(StandardCharsets.UTF_8);
        }
        switch (kind) {
            case TRUNCATED -> body = Arrays.copyOf(body, random.nextInt(body.length - 1));
            case MUTATED -> body = mutate(body, random);
            case INVALID_UTF8 -> body = invalidUtf8(body, random);
            case NOT_AN_EVENT -> body = pick(random, "", "null", "42", "\"text\"", "[1,2,3]", "[null]", "{}", "[{}]", "[[]]",
                    "true", "[", "]", "{\"events\": []}", "\uFEFF[]", "[{\"event_id\": \"fz" + n + "-0\"}]")
                    .getBytes(StandardCharsets.UTF_8);
            default -> {
            }
        }
        String path = single ? "/v1/events" : "/v1/events/batch";
        String type = ndjson ? "application/x-ndjson" : pick(random, "application/json", "application/json; charset=utf-8",
                "APPLICATION/JSON");
        return new Request(n, kind, "POST", path, Map.of("Content-Type", type), body, ids, events);
    }

    private ObjectNode validEvent(String id, Random random) {
        ObjectNode event = NODES.objectNode();
        event.put("event_id", id);
        event.put("event_type", pick(random, "credential_issued", "credential_viewed", "credential_shared"));
        event.put("institution_id", 1 + random.nextInt(5));
        event.put("occurred_at", at.minusSeconds(random.nextInt(86_400)).toString());
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("credential_type", "Fuzz");
        metadata.put("recipient_id", "r-" + random.nextInt(100));
        metadata.put("processing_time_ms", random.nextInt(1000));
        return event;
    }

    private static JsonNode wrongValue(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.numberNode(random.nextInt());
            case 1 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 2 -> NODES.textNode("x" + random.nextInt(1000));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.arrayNode().add(1).add("two");
            case 6 -> NODES.objectNode().put("nested", true);
            case 7 -> NODES.textNode("");
            default -> NODES.numberNode(-random.nextInt(1000));
        };
    }

    private static JsonNode hugeNumber(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.numberNode(new BigInteger("9".repeat(1 + random.nextInt(99))));
            case 1 -> NODES.numberNode(new BigInteger("9223372036854775808"));
            case 2 -> NODES.numberNode(new BigDecimal("1e" + random.nextInt(400)));
            case 3 -> NODES.numberNode(Double.MAX_VALUE);
            case 4 -> NODES.numberNode(-Double.MAX_VALUE);
            case 5 -> NODES.numberNode(new BigDecimal("1e-" + random.nextInt(400)));
            case 6 -> NODES.numberNode(Long.MAX_VALUE);
            default -> NODES.numberNode(new BigInteger("1" + "0".repeat(150 + random.nextInt(1000))));
        };
    }

    /** Injection strings in every field: valid where the field is free text (then stored verbatim), else a 400. */
    private static void inject(ObjectNode event, Random random, List<String> ids, int index) {
        String injection = pick(random, INJECTIONS);
        String field = pick(random, "event_id", "event_id", "metadata", "metadata", "metadata_key", "event_type",
                "institution_id", "occurred_at");
        ObjectNode metadata = (ObjectNode) event.get("metadata");
        switch (field) {
            case "event_id" -> {
                String id = (event.get("event_id").textValue() + "-" + injection);
                id = id.length() > 128 ? id.substring(0, 128) : id;
                if (Character.isHighSurrogate(id.charAt(id.length() - 1))) {
                    id = id.substring(0, id.length() - 1);
                }
                event.put("event_id", id);
                ids.set(index, id);
            }
            case "metadata" -> {
                metadata.put("credential_type", injection);
                metadata.put("recipient_id", injection);
                metadata.put("recipient_location", injection);
            }
            case "metadata_key" -> metadata.put(injection, injection);
            default -> event.put(field, injection);
        }
    }

    private static void hugeString(ObjectNode event, Random random, int n) {
        int length = n % 2000 == 7 ? 17 * 1024 * 1024 : pickInt(random, 129, 1_000, 17 * 1024, 100_000, 1_100_000);
        String huge = "A".repeat(length);
        String field = n % 2000 == 7 ? "metadata" : pick(random, "event_id", "event_type", "occurred_at", "metadata", "key");
        switch (field) {
            case "metadata" -> ((ObjectNode) event.get("metadata")).put("note", huge);
            case "key" -> event.put(huge, 1);
            default -> event.put(field, huge);
        }
    }

    private Request badQuery(int n, Random random) {
        String endpoint = pick(random, QUERY_ENDPOINTS);
        List<String> params = new ArrayList<>(List.of("from=2026-01-01", "to=2026-02-01"));
        String id = "1";
        int broken = 1 + random.nextInt(2);
        for (int b = 0; b < broken; b++) {
            switch (random.nextInt(7)) {
                case 0 -> id = pick(random, BAD_IDS);
                case 1 -> params.set(0, "from=" + encode(pick(random, BAD_DATES)));
                case 2 -> params.set(1, "to=" + encode(pick(random, BAD_DATES)));
                case 3 -> params.add("tz=" + encode(pick(random, BAD_ZONES)));
                case 4 -> params.add("granularity=" + encode(pick(random, BAD_GRANULARITIES)));
                case 5 -> params.add("limit=" + encode(pick(random, BAD_LIMITS)));
                default -> params.add(pick(random, "from=2027-01-01", "to=2025-01-01", "to=2026-01-01", "from=1900-01-01",
                        "tz=%C3%28", "limit=%FF", "from=%E2%82", "x=" + encode(pick(random, INJECTIONS)), "tz=" + "A".repeat(5000)));
            }
        }
        if (random.nextInt(10) == 0) {
            params.remove(random.nextInt(params.size()));
        }
        String path = endpoint.formatted(id.contains("%") ? id : encode(id)) + "?" + String.join("&", params);
        return new Request(n, Kind.BAD_QUERY, "GET", path, Map.of(), null, List.of(), List.of());
    }

    private Request wrongMethod(int n, Random random) {
        String path = pick(random, "/v1/events", "/v1/events/batch", QUERY_ENDPOINTS[random.nextInt(QUERY_ENDPOINTS.length)]
                .formatted("1") + "?from=2026-01-01&to=2026-02-01");
        String method = path.startsWith("/v1/events") ? pick(random, "GET", "PUT", "DELETE", "PATCH", "TRACE")
                : pick(random, "POST", "PUT", "DELETE", "PATCH");
        byte[] body = random.nextBoolean() ? ("[" + serializeOne(validEvent("fz" + n + "-0", random)) + "]").getBytes(StandardCharsets.UTF_8) : null;
        return new Request(n, Kind.METHOD, method, path, body == null ? Map.of() : Map.of("Content-Type", "application/json"),
                body, List.of("fz" + n + "-0"), List.of());
    }

    private Request oddPath(int n, Random random) {
        String path = random.nextInt(10) == 0 ? "/v1/" + "x".repeat(1_000 + random.nextInt(20_000)) : pick(random, ODD_PATHS);
        String method = pick(random, "GET", "POST");
        byte[] body = "POST".equals(method) ? ("[" + serializeOne(validEvent("fz" + n + "-0", random)) + "]").getBytes(StandardCharsets.UTF_8) : null;
        return new Request(n, Kind.ODD_PATH, method, path, body == null ? Map.of() : Map.of("Content-Type", "application/json"),
                body, List.of("fz" + n + "-0"), List.of());
    }

    private Request wrongContentType(int n, Random random) {
        String id = "fz" + n + "-0";
        String path = pick(random, "/v1/events", "/v1/events/batch");
        String event = serializeOne(validEvent(id, random));
        byte[] body = (path.endsWith("batch") ? "[" + event + "]" : event).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = random.nextInt(8) == 0 ? Map.of() : Map.of("Content-Type", pick(random, CONTENT_TYPES));
        return new Request(n, Kind.CONTENT_TYPE, "POST", path, headers, body, List.of(id), List.of());
    }

    private static byte[] mutate(byte[] body, Random random) {
        byte[] copy = body.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(copy.length);
            // no digits: a mutated id like fz5219-0 -> fz5209-0 would pass for another request's event
            copy[at] = pickByte(random, "{}[],:\"\\ x-\n\u0000");
        }
        return copy;
    }

    private static byte[] invalidUtf8(byte[] body, Random random) {
        byte[][] bad = {{(byte) 0xC3, '('}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        String text = new String(body, StandardCharsets.UTF_8);
        // inside a string value (after a quote), where a lenient decoder would be tempted to keep it
        int quote = text.indexOf("\"fz");
        int at = quote >= 0 ? quote + 1 + random.nextInt(3) : random.nextInt(body.length);
        byte[] insert = bad[random.nextInt(bad.length)];
        byte[] out = new byte[body.length + insert.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(body, at, out, at + insert.length, body.length - at);
        return out;
    }

    private static String serialize(List<ObjectNode> events, boolean asArray) {
        if (!asArray) {
            return serializeOne(events.get(0));
        }
        ArrayNode array = NODES.arrayNode();
        events.forEach(array::add);
        return array.toString();
    }

    private static String ndjson(List<ObjectNode> events) {
        StringBuilder lines = new StringBuilder();
        events.forEach(e -> lines.append(e).append('\n'));
        return lines.toString();
    }

    private static String serializeOne(ObjectNode event) {
        return event.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static int pickInt(Random random, int... values) {
        return values[random.nextInt(values.length)];
    }

    private static byte pickByte(Random random, String values) {
        return (byte) values.charAt(random.nextInt(values.length()));
    }
}
