package org.credanalytics;

import java.time.Clock;
import java.util.EnumSet;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.auth.AuthenticationException;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.CachingAuthenticator;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.credanalytics.api.ApiExceptionMapper;
import org.credanalytics.api.DatabaseUnavailableMapper;
import org.credanalytics.api.JsonErrorPages;
import org.credanalytics.api.WebApplicationExceptionMapper;
import org.credanalytics.audit.AuditLog;
import org.credanalytics.auth.AccessPolicy;
import org.credanalytics.auth.ApiKey;
import org.credanalytics.auth.ApiKeyAuthFilter;
import org.credanalytics.auth.ApiKeyAuthenticator;
import org.credanalytics.auth.ApiKeyDao;
import org.credanalytics.auth.AuthConfiguration;
import org.credanalytics.auth.AuthMetrics;
import org.credanalytics.auth.BootstrapAdminKey;
import org.credanalytics.auth.EmbedTokenResource;
import org.credanalytics.auth.EmbedTokens;
import org.credanalytics.auth.IngestAuthorizer;
import org.credanalytics.auth.KeysCommand;
import org.credanalytics.auth.MintingKeys;
import org.credanalytics.auth.RateLimits;
import org.credanalytics.cluster.ClusterConfiguration;
import org.credanalytics.cluster.ClusterMetrics;
import org.credanalytics.cluster.ClusterResource;
import org.credanalytics.cluster.ClusterView;
import org.credanalytics.cluster.ShardBalanceMonitor;
import org.credanalytics.cluster.ShardMonitorHealthCheck;
import org.credanalytics.dashboard.DashboardPage;
import org.credanalytics.dashboard.SecurityHeaders;
import org.credanalytics.db.AnalyticsJdbi;
import org.credanalytics.db.Citus;
import org.credanalytics.db.DatabaseMigrator;
import org.credanalytics.db.DatabaseProbe;
import org.credanalytics.db.DbCommand;
import org.credanalytics.db.DedicatedConnection;
import org.credanalytics.db.DirectConnections;
import org.credanalytics.db.ServiceDatabase;
import org.credanalytics.imports.ImportCommand;
import org.credanalytics.imports.ImportResource;
import org.credanalytics.imports.ImportSetup;
import org.credanalytics.ingest.BatchWriter;
import org.credanalytics.ingest.EventJson;
import org.credanalytics.ingest.EventParser;
import org.credanalytics.ingest.EventResource;
import org.credanalytics.ingest.EventValidator;
import org.credanalytics.ingest.IngestConfiguration;
import org.credanalytics.ingest.IngestMetrics;
import org.credanalytics.ingest.WriterLifecycle;
import org.credanalytics.ingest.WriterQueueHealthCheck;
import org.credanalytics.ingest.routing.CitusWriteNodes;
import org.credanalytics.ingest.routing.IngestTopology;
import org.credanalytics.metrics.PrometheusMetrics;
import org.credanalytics.query.AnswerCaching;
import org.credanalytics.query.CitusQueryNodes;
import org.credanalytics.query.CsvAnswers;
import org.credanalytics.query.DashboardQueries;
import org.credanalytics.query.FormatParameter;
import org.credanalytics.query.InstitutionResource;
import org.credanalytics.query.NodeQueryPools;
import org.credanalytics.query.PlatformResource;
import org.credanalytics.query.QueryConfiguration;
import org.credanalytics.query.QueryMetrics;
import org.credanalytics.query.QueryNodes;
import org.credanalytics.query.QueryTimingListener;
import org.credanalytics.query.RangeCap;
import org.credanalytics.replication.PrimaryHealthCheck;
import org.credanalytics.replication.ReplicationConfiguration;
import org.credanalytics.replication.ReplicationDao;
import org.credanalytics.replication.ReplicationMetrics;
import org.credanalytics.replication.ReplicationMonitor;
import org.credanalytics.replication.StandbySource;
import org.credanalytics.replication.StandbysHealthCheck;
import org.credanalytics.retention.PartitionMaintenance;
import org.credanalytics.retention.RetentionMetrics;
import org.credanalytics.rollup.LocalDayZones;
import org.credanalytics.rollup.Recompute;
import org.credanalytics.rollup.RecomputeResource;
import org.credanalytics.rollup.RollupConfiguration;
import org.credanalytics.rollup.RollupJob;
import org.credanalytics.rollup.RollupLagHealthCheck;
import org.credanalytics.rollup.RollupMetrics;
import org.credanalytics.rollup.RollupStep;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

/** Wires the service by hand: database first (probe, migrations), then each feature. */
public class AnalyticsApplication extends Application<AnalyticsConfiguration> {

    public static void main(String[] args) throws Exception {
        new AnalyticsApplication().run(args);
    }

    @Override
    public String getName() {
        return "credential-analytics";
    }

    @Override
    public void initialize(Bootstrap<AnalyticsConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addBundle(new AssetsBundle("/META-INF/resources/webjars", "/webjars", null, "webjars"));
        bootstrap.addBundle(new AssetsBundle("/dashboard/assets", "/dashboard/assets", null, "dashboard-assets"));
        bootstrap.addBundle(new AssetsBundle("/docs", "/docs", "index.html", "docs"));
        bootstrap.addBundle(new AssetsBundle("/openapi", "/openapi", null, "openapi"));
        bootstrap.addCommand(new DbCommand());
        bootstrap.addCommand(new KeysCommand());
        bootstrap.addCommand(new ImportCommand());
    }

    /** The server command prints configuration mistakes as one line; check stays as it is. */
    @Override
    protected void addDefaultCommands(Bootstrap<AnalyticsConfiguration> bootstrap) {
        bootstrap.addCommand(new AnalyticsServerCommand(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    public void run(AnalyticsConfiguration config, Environment environment) throws Exception {
        environment.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // Secrets first: a placeholder or malformed key stops the start before any database work.
        BootstrapAdminKey.requireUsable(config.getAuth().getBootstrapAdminKey());
        EmbedTokens embedTokens = EmbedTokens.from(config.getEmbed(), Clock.systemUTC());
        wire(config, environment, embedTokens);
    }

    private void wire(AnalyticsConfiguration config, Environment environment, EmbedTokens embedTokens) throws Exception {
        DatabaseProbe.requireReachable(config.getDatabase());
        ManagedDataSource dataSource = ServiceDatabase.pool(config.getDatabase(), environment);
        new DatabaseMigrator(dataSource).migrate(); // through the pool: the same settings as every query
        Jdbi jdbi = ServiceDatabase.jdbi(config.getDatabase(), dataSource, environment);
        environment.healthChecks().register("database-primary",
                new PrimaryHealthCheck(jdbi.onDemand(ReplicationDao.class)::serverRole));

        PrometheusMeterRegistry meters = PrometheusMetrics.install(environment);
        environment.jersey().register(new ApiExceptionMapper());
        environment.jersey().register(new DatabaseUnavailableMapper());
        environment.jersey().register(new WebApplicationExceptionMapper());
        useJsonErrorPages(environment);

        AuthMetrics authMetrics = new AuthMetrics(meters);
        RateLimits limits = registerAuth(config.getAuth(), environment, jdbi, authMetrics, embedTokens);
        registerDashboard(config, environment, embedTokens, meters);
        boolean citus = Citus.isPresent(jdbi);
        registerIngest(config, environment, citus, meters, new IngestAuthorizer(limits, authMetrics));
        registerRetention(config, environment, jdbi, citus, meters);
        LocalDayZones localDays = LocalDayZones.sync(jdbi, config.getRollup().getLocalDayZones());
        registerRollups(config, environment, jdbi, citus, meters);
        registerImports(config, environment, jdbi, meters);
        registerQueries(config, environment, citus, meters, localDays);
        registerCluster(config, environment, jdbi, citus, meters);
        registerReplication(config.getReplication(), environment, jdbi, citus, meters);
        logUrlsOnStart(environment);
    }

    /** Jetty's own errors (bad URIs, oversized headers, refused methods) as JSON, in the servlet context and the server. */
    private static void useJsonErrorPages(Environment environment) {
        environment.getApplicationContext().setErrorHandler(JsonErrorPages.forServletContext());
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(JsonErrorPages.forServer());
                }
            }
        });
    }

    /**
     * Every /v1 request needs an API key (one pre-matching filter, default deny), and every one that
     * changes something but events is audited. Authenticated keys, unknown ones, and whether an
     * embed token's minting key is active are cached for auth.cacheTtl, so a revocation takes at
     * most that long to be seen.
     */
    private static RateLimits registerAuth(AuthConfiguration auth, Environment environment, Jdbi jdbi,
                                           AuthMetrics metrics, EmbedTokens embedTokens) throws AuthenticationException {
        ApiKeyDao keys = jdbi.onDemand(ApiKeyDao.class);
        boolean bootstrapped = BootstrapAdminKey.ensure(keys, auth.getBootstrapAdminKey()).isPresent();
        Authenticator<String, ApiKey> authenticator = new ApiKeyAuthenticator(keys);
        if (auth.getCacheTtl().toNanoseconds() > 0) {
            authenticator = new CachingAuthenticator<>(environment.metrics(), authenticator, Caffeine.newBuilder()
                    .expireAfterWrite(auth.getCacheTtl().toJavaDuration())
                    .maximumSize(auth.getCacheMaxKeys()), true);
            if (bootstrapped) {
                authenticator.authenticate(auth.getBootstrapAdminKey()); // warm: the first requests need no query
            }
        }
        RateLimits limits = new RateLimits(auth);
        MintingKeys mintingKeys = new MintingKeys(keys, auth.getCacheTtl().toJavaDuration(), auth.getCacheMaxKeys());
        environment.jersey().register(new ApiKeyAuthFilter(authenticator, new AccessPolicy(), limits, metrics, embedTokens,
                mintingKeys));
        environment.jersey().register(new AuditLog(Clock.systemUTC()));
        return limits;
    }

    /**
     * The institution's dashboard page, its embed tokens, and the headers that keep pages and API
     * answers from being framed or sniffed (the page only where dashboard.frameAncestors allow).
     */
    private static void registerDashboard(AnalyticsConfiguration config, Environment environment, EmbedTokens tokens,
                                          PrometheusMeterRegistry meters) {
        if (config.getEmbed().getSigningKey().isEmpty()) {
            LoggerFactory.getLogger(AnalyticsApplication.class).warn("embed.signingKey is not set: embed tokens are"
                    + " signed with a random key and stop working when this process ends; set it to share them between instances");
        }
        environment.jersey().register(new EmbedTokenResource(tokens, config.getEmbed(), meters));
        environment.jersey().register(new DashboardPage(config.getDashboard()));
        environment.getApplicationContext().getMimeTypes().addMimeMapping("yaml", "application/yaml"); // the OpenAPI document
        environment.servlets().addFilter("security-headers", new SecurityHeaders(config.getDashboard().getFrameAncestors()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }

    private static void registerIngest(AnalyticsConfiguration config, Environment environment, boolean citus,
                                       PrometheusMeterRegistry meters, IngestAuthorizer admission) {
        IngestConfiguration ingest = config.getIngest();
        IngestMetrics metrics = new IngestMetrics(meters);
        // Placeholder settings on plain PostgreSQL, where nothing reads them.
        DirectConnections writerConnections = new DirectConnections(config.getDatabase(), "analytics-batch-writer")
                .withSetting("citus.max_cached_conns_per_worker", String.valueOf(ingest.getCitusCachedConnectionsPerWorker()))
                .withSetting("citus.max_adaptive_executor_pool_size", String.valueOf(ingest.getCitusConnectionsPerWorkerPerFlush()));
        BatchWriter writer = new BatchWriter(IngestTopology.of(writerConnections, citus, ingest), ingest, metrics);
        writer.bindTo(meters);
        environment.lifecycle().manage(new WriterLifecycle(writer));
        environment.healthChecks().register("writer-queue",
                new WriterQueueHealthCheck(writer::queuedEvents, ingest.getQueueCapacity()));

        ObjectMapper eventMapper = EventJson.mapper();
        EventValidator validator = new EventValidator(eventMapper, (int) ingest.getMaxMetadataSize().toBytes(),
                ingest.getMaxFutureSkew().toJavaDuration(), config.getRetention().getRawEvents().toJavaDuration());
        EventParser parser = new EventParser(eventMapper, validator, ingest.getMaxEventsPerRequest(), Clock.systemUTC());
        environment.jersey().register(new EventResource(parser, admission, writer, metrics, ingest));
    }

    /**
     * Raw events' daily partitions: created ahead and dropped after retention.rawEvents. Managed
     * before the writer's first flush, so that today's partition exists when traffic starts.
     */
    private static void registerRetention(AnalyticsConfiguration config, Environment environment, Jdbi jdbi,
                                          boolean citus, PrometheusMeterRegistry meters) {
        environment.lifecycle().manage(new PartitionMaintenance(jdbi, config.getRetention(), citus,
                new RetentionMetrics(meters), Clock.systemUTC()));
    }

    /**
     * The rollup job runs on a connection of its own, application_name analytics-rollup;
     * recompute requests on the service's pool.
     */
    private static void registerRollups(AnalyticsConfiguration config, Environment environment, Jdbi jdbi,
                                        boolean citus, PrometheusMeterRegistry meters) {
        RollupConfiguration rollup = config.getRollup();
        environment.jersey().register(new RecomputeResource(new Recompute(jdbi, rollup.getMaxValuesPerDay())));
        if (!rollup.isEnabled()) {
            return;
        }
        DirectConnections connections = new DirectConnections(config.getDatabase(), RollupJob.CONNECTION_NAME)
                .withSetting("work_mem", rollup.getWorkMem().toKibibytes() + "kB");
        if (!citus) {
            // A step's statements read ids by range from every raw-event partition (no pruning is
            // possible on ids): planned once, not per step and partition. Not on Citus: it can't
            // plan INSERT ... SELECT generically, and its workers plan each shard query anyway.
            connections.withSetting("plan_cache_mode", "force_generic_plan");
        }
        DedicatedConnection connection = new DedicatedConnection(connections);
        environment.lifecycle().manage(connection); // stops after the job, registered below
        RollupStep step = new RollupStep(AnalyticsJdbi.install(Jdbi.create(connection)),
                rollup.getMaxIdsPerStep(), rollup.getMaxValuesPerDay());
        RollupMetrics metrics = new RollupMetrics(meters);
        environment.lifecycle().manage(new RollupJob(step, metrics, rollup.getInterval().toMilliseconds()));
        environment.healthChecks().register("rollup-lag",
                new RollupLagHealthCheck(metrics, rollup.getUnhealthyLag().toJavaDuration()));
    }

    /** History imports: parts read in the request, applied one at a time on the service's pool. */
    private static void registerImports(AnalyticsConfiguration config, Environment environment, Jdbi jdbi,
                                        PrometheusMeterRegistry meters) {
        IngestConfiguration ingest = config.getIngest();
        ImportSetup imports = ImportSetup.create(jdbi, config.getImports(), (int) ingest.getMaxMetadataSize().toBytes(),
                ingest.getMaxFutureSkew().toJavaDuration(), config.getRetention().getRawEvents().toJavaDuration(),
                config.getRollup().getMaxValuesPerDay(), config.getRollup().getWorkMem().toKibibytes(), meters,
                environment.getObjectMapper());
        environment.lifecycle().manage(imports.worker());
        environment.jersey().register(new ImportResource(imports.imports()));
    }

    /** The dashboard queries, on a pool of their own with a statement timeout, and bounded ranges. */
    private static void registerQueries(AnalyticsConfiguration config, Environment environment, boolean citus,
                                        PrometheusMeterRegistry meters, LocalDayZones localDays) {
        QueryConfiguration limits = config.getQueries();
        ManagedDataSource pool = ServiceDatabase.queryPool(config.getDatabase(), limits.getStatementTimeout(), environment);
        Jdbi coordinator = DashboardQueries.prepare(ServiceDatabase.queryJdbi(config.getDatabase(), pool, environment));
        QueryNodes nodes = queryNodes(config, environment, citus, coordinator, meters);
        environment.lifecycle().manage(nodes);
        DashboardQueries queries = DashboardQueries.create(nodes, localDays);
        environment.jersey().register(new RangeCap(limits));
        environment.jersey().register(new QueryTimingListener(new QueryMetrics(meters)));
        environment.jersey().register(new CsvAnswers());
        environment.jersey().register(new FormatParameter());
        environment.jersey().register(new AnswerCaching(environment.getObjectMapper()));
        environment.jersey().register(new InstitutionResource(queries));
        environment.jersey().register(new PlatformResource(queries));
    }

    /** On Citus with {@code queries.citusRouting: nodes}, each query on the node holding its shards. */
    private static QueryNodes queryNodes(AnalyticsConfiguration config, Environment environment, boolean citus,
                                         Jdbi coordinator, PrometheusMeterRegistry meters) {
        QueryConfiguration queries = config.getQueries();
        if (!citus || queries.getCitusRouting() == IngestConfiguration.CitusRouting.COORDINATOR) {
            return QueryNodes.single(coordinator);
        }
        CitusWriteNodes layout = new CitusWriteNodes(new DirectConnections(config.getDatabase(), "analytics-query-routing"),
                config.getIngest().getCitusRoutingRefresh().toJavaDuration());
        return new CitusQueryNodes(layout, new QueryNodes.QueryNode("coordinator", coordinator),
                new NodeQueryPools(config.getDatabase(), queries.getStatementTimeout(), environment), meters);
    }

    private static void registerCluster(AnalyticsConfiguration config, Environment environment, Jdbi jdbi,
                                        boolean citus, PrometheusMeterRegistry meters) {
        ClusterConfiguration cluster = config.getCluster();
        ClusterView view = new ClusterView(jdbi, citus);
        ShardBalanceMonitor monitor = new ShardBalanceMonitor(view, cluster.getTopTenants(), new ClusterMetrics(meters),
                cluster.getShardMonitorInterval().toMilliseconds(), Clock.systemUTC());
        environment.lifecycle().manage(monitor);
        environment.healthChecks().register("shard-monitor", new ShardMonitorHealthCheck(monitor::latest,
                cluster.getShardMonitorInterval().toJavaDuration(), Clock.systemUTC()));
        environment.jersey().register(new ClusterResource(monitor, view));
    }

    /** Every database node's standbys (on Citus each primary node's own), as gauges and a health check. */
    private static void registerReplication(ReplicationConfiguration replication, Environment environment, Jdbi jdbi,
                                            boolean citus, PrometheusMeterRegistry meters) {
        ReplicationMonitor monitor = new ReplicationMonitor(StandbySource.of(jdbi, citus), new ReplicationMetrics(meters),
                replication.getMonitorInterval().toMilliseconds(), Clock.systemUTC());
        environment.lifecycle().manage(monitor);
        environment.healthChecks().register("database-standbys", new StandbysHealthCheck(monitor::latest,
                replication.isExpectStandbys(), replication.getMonitorInterval().toJavaDuration(), Clock.systemUTC()));
    }

    private static void logUrlsOnStart(Environment environment) {
        environment.lifecycle().addServerLifecycleListener(server -> {
            LoggerFactory.getLogger(AnalyticsApplication.class).info(
                    "Ready. Ingest: POST http://127.0.0.1:{}/v1/events and /v1/events/batch;"
                            + " health: http://127.0.0.1:{}/healthcheck; metrics: http://127.0.0.1:{}/prometheus",
                    server.getURI().getPort(), adminPort(server), adminPort(server));
        });
    }

    private static int adminPort(Server server) {
        for (var connector : server.getConnectors()) {
            if ("admin".equals(connector.getName()) && connector instanceof NetworkConnector nc) {
                return nc.getLocalPort();
            }
        }
        return -1;
    }
}
