package org.credanalytics.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every query in grafana/dashboards/*.json: panel targets (also inside rows) and template
 * variables, each with the uid of the datasource it runs on (the target's, else the panel's).
 * A panel whose title ends with {@value #CITUS_ONLY_SUFFIX} shows metrics that exist only on Citus.
 */
final class GrafanaDashboards {
    static final String PROMETHEUS_UID = "prometheus";
    static final String POSTGRES_UID = "analytics-postgres";
    static final String CITUS_ONLY_SUFFIX = "(Citus)";

    /** One query: {@code text} is the PromQL expression or the raw SQL; {@code citusOnly} when its panel is. */
    record Query(String dashboard, String where, String datasourceUid, String text, boolean citusOnly) {
        @Override
        public String toString() {
            return dashboard + " / " + where;
        }
    }

    record Dashboard(Path file, JsonNode json) {
        String title() {
            return json.path("title").asText();
        }
    }

    private GrafanaDashboards() {
    }

    static List<Dashboard> all() {
        try (Stream<Path> files = Files.list(RepoFiles.path("grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(f -> new Dashboard(f, RepoFiles.json(f))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Query> queries(String datasourceUid) {
        return all().stream().flatMap(d -> queries(d).stream())
                .filter(q -> q.datasourceUid().equals(datasourceUid)).toList();
    }

    static List<Query> queries(Dashboard dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard.json())) {
            String panelUid = panel.path("datasource").path("uid").asText("");
            boolean citusOnly = panel.path("title").asText().endsWith(CITUS_ONLY_SUFFIX);
            for (JsonNode target : panel.path("targets")) {
                String uid = target.path("datasource").path("uid").asText(panelUid);
                String text = target.hasNonNull("expr") ? target.get("expr").asText() : target.path("rawSql").asText("");
                queries.add(new Query(dashboard.title(), "panel \"" + panel.path("title").asText() + "\" target "
                        + target.path("refId").asText(), uid, text, citusOnly));
            }
        }
        for (JsonNode variable : dashboard.json().path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                String text = query.isTextual() ? query.asText() : query.path("query").asText(query.path("rawSql").asText());
                queries.add(new Query(dashboard.title(), "variable $" + variable.path("name").asText(),
                        variable.path("datasource").path("uid").asText(""), text, false));
            }
        }
        return queries;
    }

    /** Top-level panels and the panels of collapsed rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }
}
