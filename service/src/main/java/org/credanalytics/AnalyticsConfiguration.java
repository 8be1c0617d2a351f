package org.credanalytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.credanalytics.auth.AuthConfiguration;
import org.credanalytics.auth.EmbedConfiguration;
import org.credanalytics.cluster.ClusterConfiguration;
import org.credanalytics.dashboard.DashboardConfiguration;
import org.credanalytics.imports.ImportConfiguration;
import org.credanalytics.ingest.IngestConfiguration;
import org.credanalytics.query.QueryConfiguration;
import org.credanalytics.replication.ReplicationConfiguration;
import org.credanalytics.retention.RetentionConfiguration;
import org.credanalytics.rollup.RollupConfiguration;

/** The service's configuration: {@code service/config.yml}, with values taken from the environment. */
public class AnalyticsConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty
    private IngestConfiguration ingest = new IngestConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private RollupConfiguration rollup = new RollupConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private RetentionConfiguration retention = new RetentionConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private ImportConfiguration imports = new ImportConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private AuthConfiguration auth = new AuthConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private EmbedConfiguration embed = new EmbedConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private DashboardConfiguration dashboard = new DashboardConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private ReplicationConfiguration replication = new ReplicationConfiguration();

    public ReplicationConfiguration getReplication() {
        return replication;
    }

    public EmbedConfiguration getEmbed() {
        return embed;
    }

    public DashboardConfiguration getDashboard() {
        return dashboard;
    }

    public AuthConfiguration getAuth() {
        return auth;
    }

    private ClusterConfiguration cluster = new ClusterConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private QueryConfiguration queries = new QueryConfiguration();

    public QueryConfiguration getQueries() {
        return queries;
    }

    public ClusterConfiguration getCluster() {
        return cluster;
    }

    public RetentionConfiguration getRetention() {
        return retention;
    }

    public ImportConfiguration getImports() {
        return imports;
    }

    public RollupConfiguration getRollup() {
        return rollup;
    }

    public DataSourceFactory getDatabase() {
        return database;
    }

    public IngestConfiguration getIngest() {
        return ingest;
    }
}
