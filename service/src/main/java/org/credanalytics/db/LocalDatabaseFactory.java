package org.credanalytics.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;

/**
 * Configuration of the self-managed PostgreSQL used by the run command. When enabled, the
 * service starts the server before anything touches the database and points the
 * {@code database} block at it.
 */
public class LocalDatabaseFactory {
    @JsonProperty
    private boolean enabled;

    @NotEmpty
    @JsonProperty
    private String dataDirectory = "data/postgres";

    @Min(1)
    @Max(65535)
    @JsonProperty
    private int port = 55432;

    @NotEmpty
    @JsonProperty
    private String database = "analytics";

    public boolean isEnabled() {
        return enabled;
    }

    public LocalPostgres build() {
        return new LocalPostgres(Path.of(dataDirectory), port, database, true);
    }
}
