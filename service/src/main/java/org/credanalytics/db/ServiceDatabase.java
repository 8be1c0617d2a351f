package org.credanalytics.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.util.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;

/**
 * The server's connection pool and its Jdbi, built by Dropwizard's factories (metrics, health
 * check, lifecycle) with the two changes the dashboard queries' latency needs, and the dashboard
 * queries' own pool.
 */
public final class ServiceDatabase {
    static final String NAME = "postgresql";
    public static final String QUERIES_NAME = "postgresql-queries";

    private ServiceDatabase() {
    }

    public static ManagedDataSource pool(DataSourceFactory database, Environment environment) {
        ManagedDataSource dataSource = database.build(environment.metrics(), NAME);
        withoutStatementFacade(dataSource);
        return dataSource;
    }

    private static void withoutStatementFacade(ManagedDataSource dataSource) {
        // tomcat-jdbc's statement facade wraps every ResultSet in a reflective proxy: a year by day
        // made some 13,000 reflective calls per request, about 1 ms. Nothing here needs the facade
        // (it only keeps equals/hashCode working on closed statements behind statement interceptors).
        ((DataSourceProxy) dataSource).setUseStatementFacade(false);
    }

    /**
     * A second pool, for the dashboard queries only: the same settings, plus a
     * {@code statement_timeout} on every connection, so that no query holds a connection (or, on
     * Citus, its workers) longer. Migrations, recomputes and the cluster's commands keep the main
     * pool, where they may run longer.
     */
    public static ManagedDataSource queryPool(DataSourceFactory database, Duration statementTimeout,
                                              Environment environment) {
        return queryPool(database, statementTimeout, environment, database.getUrl(), QUERIES_NAME);
    }

    private static ManagedDataSource queryPool(DataSourceFactory database, Duration statementTimeout,
                                               Environment environment, String url, String name) {
        DataSourceFactory queries = environment.getObjectMapper().convertValue(database, DataSourceFactory.class);
        queries.setUrl(url);
        Map<String, String> properties = new LinkedHashMap<>(queries.getProperties());
        String timeout = "-c statement_timeout=" + statementTimeout.toMilliseconds();
        properties.merge("options", timeout, (options, added) -> options + " " + added);
        queries.setProperties(properties);
        ManagedDataSource dataSource = queries.build(environment.metrics(), name);
        withoutStatementFacade(dataSource);
        return dataSource;
    }

    /**
     * A query pool on another node of a Citus cluster: the settings of {@link #queryPool}, with the
     * node's host and port in the URL, named {@code postgresql-queries@host:port}, and no connections
     * opened at start (so that it starts while its node is down). Not started, and neither the
     * lifecycle's nor the health checks' (nodes come and go while the service runs).
     */
    public static ManagedDataSource queryPoolOnNode(DataSourceFactory database, Duration statementTimeout,
                                                    Environment environment, String host, int port) {
        DataSourceFactory node = environment.getObjectMapper().convertValue(database, DataSourceFactory.class);
        node.setInitialSize(0);
        return queryPool(node, statementTimeout, environment, NodeUrls.onNode(database.getUrl(), host, port),
                QUERIES_NAME + "@" + host + ":" + port);
    }

    /** A Jdbi on {@code dataSource} as {@link #jdbi} builds one, without the lifecycle, health check and statement metrics. */
    public static Jdbi unmanagedJdbi(ManagedDataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.setTemplateEngine(new DefinedAttributeTemplateEngine());
        return AnalyticsJdbi.install(jdbi);
    }

    public static Jdbi jdbi(DataSourceFactory database, ManagedDataSource dataSource, Environment environment) {
        return jdbi(database, dataSource, environment, NAME);
    }

    /** The Jdbi of {@link #queryPool}. */
    public static Jdbi queryJdbi(DataSourceFactory database, ManagedDataSource dataSource, Environment environment) {
        return jdbi(database, dataSource, environment, QUERIES_NAME);
    }

    private static Jdbi jdbi(DataSourceFactory database, ManagedDataSource dataSource, Environment environment,
                             String name) {
        Jdbi jdbi = new JdbiFactory().build(environment, database, dataSource, name);
        // Dropwizard wraps the template engine to prepend each SqlObject method's name as a comment; the
        // wrapper hides Jdbi's parsed-template cache, so every query re-lexed its SQL file. The DAOs'
        // statements go to the database without that comment.
        jdbi.setTemplateEngine(new DefinedAttributeTemplateEngine());
        return AnalyticsJdbi.install(jdbi);
    }
}
