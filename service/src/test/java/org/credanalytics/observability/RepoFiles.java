package org.credanalytics.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's deployment files (compose, Grafana, Prometheus), read from the service module's parent. */
public final class RepoFiles {
    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = findRoot();

    private RepoFiles() {
    }

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static JsonNode yaml(String relative) {
        return read(YAML, path(relative));
    }

    static JsonNode json(Path file) {
        return read(JSON, file);
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + ROOT.relativize(file), e);
        }
    }

    /** Surefire runs in the module directory; the deployment files are one level up. */
    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("grafana"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker-compose.yml with grafana/ above " + Path.of("").toAbsolutePath());
    }
}
