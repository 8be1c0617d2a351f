package org.credanalytics.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.credanalytics.observability.GrafanaDashboards.Dashboard;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, the Dockerfile, Grafana provisioning, the dashboards and the Prometheus
 * configuration agree with each other and with the repository (nothing here can run Docker).
 */
class ComposeConsistencyTest {
    private final JsonNode compose = RepoFiles.yaml("docker-compose.yml");
    private final JsonNode services = compose.get("services");

    @Test
    @Tag("fast")
    void everyImageIsPinnedToAVersion() throws IOException {
        List<String> images = new ArrayList<>();
        services.forEach(service -> {
            if (service.has("image")) {
                images.add(service.get("image").asText());
            }
        });
        for (String line : Files.readAllLines(RepoFiles.path("Dockerfile"))) {
            if (line.startsWith("FROM ")) {
                images.add(line.split("\\s+")[1]);
            }
        }
        assertThat(images).hasSizeGreaterThan(8).allSatisfy(image -> {
            String name = image.substring(image.lastIndexOf('/') + 1);
            assertThat(name).as(image).contains(":").doesNotContain("$");
            String tag = name.substring(name.indexOf(':') + 1);
            assertThat(tag).as(image).isNotBlank().isNotEqualTo("latest").matches(".*\\d.*");
        });
        services.fields().forEachRemaining(service -> assertThat(service.getValue().has("image")
                || service.getValue().has("build")).as(service.getKey()).isTrue());
    }

    @Test
    @Tag("fast")
    void everyBindMountAndBuildInputExists() throws IOException {
        services.fields().forEachRemaining(service -> {
            for (JsonNode volume : service.getValue().path("volumes")) {
                String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(RepoFiles.path(source)).as(service.getKey() + " mounts " + source).exists();
                } else {
                    assertThat(compose.path("volumes").has(source)).as(service.getKey() + " uses undeclared volume " + source).isTrue();
                }
            }
            JsonNode build = service.getValue().path("build");
            if (!build.isMissingNode()) {
                Path context = RepoFiles.path(build.isTextual() ? build.asText() : build.path("context").asText("."));
                assertThat(context.resolve(build.path("dockerfile").asText("Dockerfile"))).as(service.getKey()).isRegularFile();
            }
        });
        Set<String> ignored = new HashSet<>(Files.readAllLines(RepoFiles.path(".dockerignore")));
        for (String line : Files.readAllLines(RepoFiles.path("Dockerfile"))) {
            if (line.startsWith("COPY ") && !line.contains("--from=")) {
                String[] parts = line.trim().split("\\s+");
                for (int i = 1; i < parts.length - 1; i++) {
                    assertThat(RepoFiles.path(parts[i])).as("Dockerfile: " + line).exists();
                    assertThat(ignored).as(".dockerignore excludes what the Dockerfile copies: " + line)
                            .doesNotContain(Path.of(parts[i]).getName(0).toString());
                }
            }
        }
    }

    /** A published port listens on the host's loopback unless the operator names another address. */
    @Test
    @Tag("fast")
    void everyPublishedPortBindsToLoopbackByDefault() {
        List<String> open = new ArrayList<>();
        services.fields().forEachRemaining(service -> service.getValue().path("ports").forEach(port -> {
            String mapping = port.asText();
            if (!mapping.startsWith("127.0.0.1:") && !mapping.matches("\\$\\{[A-Z_]+:-127\\.0\\.0\\.1}:.*")) {
                open.add(service.getKey() + ": " + mapping);
            }
        }));
        assertThat(open).as("ports published on every interface").isEmpty();
    }

    @Test
    @Tag("fast")
    void dependenciesExistAndHealthConditionsHaveHealthchecks() {
        services.fields().forEachRemaining(service -> service.getValue().path("depends_on").fields()
                .forEachRemaining(dependency -> {
                    JsonNode target = services.path(dependency.getKey());
                    assertThat(target.isMissingNode()).as(service.getKey() + " depends on " + dependency.getKey()).isFalse();
                    String condition = dependency.getValue().path("condition").asText();
                    assertThat(condition).as(service.getKey() + " -> " + dependency.getKey())
                            .isIn("service_healthy", "service_completed_successfully", "service_started");
                    if (condition.equals("service_healthy")) {
                        assertThat(target.has("healthcheck")).as(dependency.getKey() + " has a healthcheck").isTrue();
                    }
                }));
        assertThat(services.path("analytics").path("depends_on").path("citus-init").path("condition").asText())
                .isEqualTo("service_completed_successfully");
    }

    @Test
    @Tag("fast")
    void theInitStepRegistersEveryCitusWorker() throws IOException {
        String script = Files.readString(RepoFiles.path("docker/citus-init/register-nodes.sh"));
        List<String> workers = new ArrayList<>();
        services.fields().forEachRemaining(service -> {
            if (service.getValue().path("image").asText().startsWith("citusdata/citus:") && !service.getKey().equals("coordinator")) {
                workers.add(service.getKey());
            }
        });
        assertThat(workers).hasSize(2);
        assertThat(script).contains("CITUS_WORKERS:=" + String.join(" ", workers)).contains("citus_add_node")
                .contains("citus_set_coordinator_host").contains("pg_dist_node");
        assertThat(services.path("citus-init").path("entrypoint").toString()).contains("/citus-init/register-nodes.sh");
        assertThat(services.path("grafana-reader").path("entrypoint").toString()).contains("/citus-init/grafana-reader.sh");
    }

    @Test
    @Tag("fast")
    void everyDashboardDatasourceIsProvisioned() {
        Map<String, String> provisioned = new HashMap<>();
        RepoFiles.yaml("grafana/provisioning/datasources/datasources.yml").path("datasources")
                .forEach(ds -> provisioned.put(ds.get("uid").asText(), ds.get("type").asText()));
        assertThat(provisioned).containsOnlyKeys(GrafanaDashboards.PROMETHEUS_UID, GrafanaDashboards.POSTGRES_UID);

        List<Dashboard> dashboards = GrafanaDashboards.all();
        assertThat(dashboards).extracting(Dashboard::title)
                .containsExactlyInAnyOrder("Ingest", "Query latency", "Shard balance", "Rollups", "Credential analytics");
        assertThat(dashboards).extracting(d -> d.json().path("uid").asText()).doesNotHaveDuplicates();
        for (Dashboard dashboard : dashboards) {
            List<JsonNode> panels = GrafanaDashboards.panels(dashboard.json());
            assertThat(panels).extracting(p -> p.path("id").asInt()).as(dashboard.title()).doesNotHaveDuplicates();
            List<JsonNode> sources = new ArrayList<>();
            panels.stream().filter(p -> !"row".equals(p.path("type").asText())).forEach(panel -> {
                assertThat(panel.path("targets")).as(dashboard.title() + " / " + panel.path("title")).isNotEmpty();
                sources.add(panel.path("datasource"));
                panel.path("targets").forEach(t -> sources.add(t.path("datasource")));
            });
            dashboard.json().path("templating").path("list").forEach(v -> sources.add(v.path("datasource")));
            for (JsonNode source : sources) {
                String uid = source.path("uid").asText();
                assertThat(provisioned).as(dashboard.title() + " uses datasource " + source).containsKey(uid);
                assertThat(source.path("type").asText()).as(dashboard.title() + " " + source).isEqualTo(provisioned.get(uid));
            }
        }
    }

    @Test
    @Tag("fast")
    void grafanaMountsWhatItsProvisioningReads() {
        JsonNode grafana = services.get("grafana");
        Map<String, String> mounts = bindMounts(grafana);
        assertThat(mounts).containsEntry("./grafana/provisioning", "/etc/grafana/provisioning");
        RepoFiles.yaml("grafana/provisioning/dashboards/dashboards.yml").path("providers").forEach(provider ->
                assertThat(mounts).containsEntry("./grafana/dashboards", provider.path("options").path("path").asText()));
        String home = grafana.path("environment").path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText();
        assertThat(home).startsWith(mounts.get("./grafana/dashboards") + "/");
        assertThat(RepoFiles.path("grafana/dashboards").resolve(Path.of(home).getFileName())).isRegularFile();
    }

    /**
     * Nothing in the file is a usable secret: every password and key is a required variable
     * ({@code ${VAR:?…}}, no default), no node trusts a connection, Grafana has no anonymous
     * viewer and no sign-up, and the service connects as its own role, never as the superuser.
     */
    @Test
    @Tag("fast")
    void secretsMustBeSuppliedAndNothingIsTrusted() throws IOException {
        List<String> problems = new ArrayList<>();
        services.fields().forEachRemaining(service -> service.getValue().path("environment").fields().forEachRemaining(e -> {
            String where = service.getKey() + " " + e.getKey();
            boolean secret = e.getKey().matches(".*(PASSWORD|_KEY)$") || e.getKey().equals("PGPASSWORD");
            if (secret && !e.getValue().asText().matches("\\$\\{[A-Z_]+:\\?[^}]+}")) {
                problems.add(where + " is not a required variable: " + e.getValue().asText());
            }
            if (e.getValue().asText().toLowerCase(java.util.Locale.ROOT).contains("trust")) {
                problems.add(where + " trusts: " + e.getValue().asText());
            }
        }));
        assertThat(problems).isEmpty();
        services.fields().forEachRemaining(service -> {
            if (service.getValue().path("image").asText().startsWith("citusdata/citus:")) {
                JsonNode environment = service.getValue().path("environment");
                assertThat(environment.path("POSTGRES_HOST_AUTH_METHOD").asText()).as(service.getKey()).isEqualTo("scram-sha-256");
                assertThat(environment.path("POSTGRES_INITDB_ARGS").asText()).as(service.getKey())
                        .contains("--auth-host=scram-sha-256").doesNotContain("trust");
            }
        });
        JsonNode grafana = services.get("grafana").path("environment");
        assertThat(grafana.path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("false");
        assertThat(grafana.path("GF_USERS_ALLOW_SIGN_UP").asText()).isEqualTo("false");
        assertThat(services.get("analytics").path("environment").path("ANALYTICS_DB_USER").asText()).isEqualTo("analytics");
        String init = Files.readString(RepoFiles.path("docker/citus-init/register-nodes.sh"));
        assertThat(init).as("the nodes' passwords for each other, and the service's role")
                .contains("pg_dist_authinfo", "'postgres'", "'analytics'", "service-role.sql", "ALTER ROLE analytics WITH PASSWORD");
        assertThat(Files.readString(RepoFiles.path(".gitignore")).lines()).as("the secrets file stays out of git").contains(".env");
    }

    @Test
    @Tag("fast")
    void datasourcesPointAtTheComposeServices() {
        JsonNode grafanaEnvironment = services.get("grafana").path("environment");
        for (JsonNode ds : RepoFiles.yaml("grafana/provisioning/datasources/datasources.yml").path("datasources")) {
            String url = ds.get("url").asText().replaceFirst("^https?://", "");
            String host = url.split(":")[0];
            assertThat(services.has(host)).as(ds.get("name") + " -> " + url).isTrue();
            if (ds.get("uid").asText().equals(GrafanaDashboards.PROMETHEUS_UID)) {
                assertThat(url).isEqualTo("prometheus:9090");
                assertThat(services.get(host).path("image").asText()).startsWith("prom/prometheus:");
            } else {
                assertThat(url).isEqualTo("coordinator:5432");
                assertThat(ds.get("user").asText()).isEqualTo("grafana_reader");
                String password = ds.path("secureJsonData").path("password").asText();
                assertThat(password).startsWith("${").endsWith("}");
                assertThat(grafanaEnvironment.has(password.substring(2, password.length() - 1))).as(password).isTrue();
                assertThat(services.path("grafana").path("depends_on").has("grafana-reader")).isTrue();
            }
        }
    }

    @Test
    void prometheusScrapesTheServiceAdminPort() throws Exception {
        JsonNode prometheus = services.get("prometheus");
        String configFile = "";
        for (JsonNode argument : prometheus.path("command")) {
            if (argument.asText().startsWith("--config.file=")) {
                configFile = argument.asText().substring("--config.file=".length());
            }
        }
        assertThat(bindMounts(prometheus)).containsEntry("./prometheus/prometheus.yml", configFile);
        // Prometheus resolves rule files relative to its config file, so each must be mounted next to it.
        String configDir = configFile.substring(0, configFile.lastIndexOf('/') + 1);
        JsonNode ruleFiles = RepoFiles.yaml("prometheus/prometheus.yml").path("rule_files");
        assertThat(ruleFiles).as("prometheus.yml rule_files").isNotEmpty();
        for (JsonNode ruleFile : ruleFiles) {
            assertThat(bindMounts(prometheus)).as("rule file " + ruleFile.asText())
                    .containsEntry("./prometheus/" + ruleFile.asText(), configDir + ruleFile.asText());
        }

        JsonNode job = RepoFiles.yaml("prometheus/prometheus.yml").path("scrape_configs").get(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo("/prometheus");
        String target = job.path("static_configs").get(0).path("targets").get(0).asText();
        JsonNode service = services.path(target.split(":")[0]);
        assertThat(service.isMissingNode()).as("scrape target " + target + " is a compose service").isFalse();
        JsonNode environment = service.path("environment");
        assertThat(target.split(":")[1]).isEqualTo(environment.path("ANALYTICS_ADMIN_PORT").asText());
        assertThat(environment.path("ANALYTICS_ADMIN_HOST").asText()).as("admin port reachable from Prometheus").isEqualTo("0.0.0.0");
        assertThat(promtool("check", "config", RepoFiles.path("prometheus/prometheus.yml").toString())).isZero();
    }

    @Test
    @Tag("fast")
    void loadGeneratorRunsUnderTheLoadProfileWithTheBootstrapKey() {
        JsonNode service = services.get("analytics");
        String bootstrapKey = service.path("environment").path("ANALYTICS_BOOTSTRAP_ADMIN_KEY").asText();
        assertThat(bootstrapKey).isNotBlank();
        for (String name : List.of("loadgen", "loadgen-queries")) {
            JsonNode loadgen = services.get(name);
            assertThat(loadgen.path("profiles").toString()).as(name).isEqualTo("[\"load\"]");
            assertThat(loadgen.path("environment").path("LOADGEN_API_KEY").asText()).as(name).isEqualTo(bootstrapKey);
            assertThat(loadgen.path("command").toString()).as(name).contains("http://analytics:8080");
            assertThat(loadgen.path("image").asText()).isEqualTo(service.path("image").asText());
        }
        assertThat(service.path("environment").path("ANALYTICS_DB_URL").asText()).contains("//coordinator:5432/");
    }

    private static Map<String, String> bindMounts(JsonNode service) {
        Map<String, String> mounts = new HashMap<>();
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].startsWith(".")) {
                mounts.put(parts[0], parts[1]);
            }
        }
        return mounts;
    }

    private static int promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Optional.ofNullable(System.getenv("PROMTOOL_BIN")).orElse("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("promtool: " + output).isZero();
        return process.exitValue();
    }
}
