package org.credanalytics.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;

/**
 * The server's connection pool and its Jdbi, built by Dropwizard's factories (metrics, health
 * check, lifecycle) with the two changes the dashboard queries' latency needs.
 */
public final class ServiceDatabase {
    static final String NAME = "postgresql";

    private ServiceDatabase() {
    }

    public static ManagedDataSource pool(DataSourceFactory database, Environment environment) {
        ManagedDataSource dataSource = database.build(environment.metrics(), NAME);
        // tomcat-jdbc's statement facade wraps every ResultSet in a reflective proxy: a year by day
        // made some 13,000 reflective calls per request, about 1 ms. Nothing here needs the facade
        // (it only keeps equals/hashCode working on closed statements behind statement interceptors).
        ((DataSourceProxy) dataSource).setUseStatementFacade(false);
        return dataSource;
    }

    public static Jdbi jdbi(DataSourceFactory database, ManagedDataSource dataSource, Environment environment) {
        Jdbi jdbi = new JdbiFactory().build(environment, database, dataSource, NAME);
        // Dropwizard wraps the template engine to prepend each SqlObject method's name as a comment; the
        // wrapper hides Jdbi's parsed-template cache, so every query re-lexed its SQL file. The DAOs'
        // statements go to the database without that comment.
        jdbi.setTemplateEngine(new DefinedAttributeTemplateEngine());
        return AnalyticsJdbi.install(jdbi);
    }
}
