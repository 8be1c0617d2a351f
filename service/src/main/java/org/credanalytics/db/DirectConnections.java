package org.credanalytics.db;

import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens dedicated, unpooled connections for long-running single-threaded workers (the batch
 * writer, the rollup job). They hold one connection for a long time and replace it after a
 * failure, so they don't borrow from the request pool.
 */
public final class DirectConnections {
    private final String url;
    private final Properties properties = new Properties();

    public DirectConnections(DataSourceFactory database, String applicationName) {
        this.url = database.getUrl();
        properties.putAll(database.getProperties());
        if (database.getUser() != null) {
            properties.setProperty("user", database.getUser());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        properties.setProperty("ApplicationName", applicationName);
    }

    /** Sets a server setting on every connection opened, after the configured {@code options}. */
    public DirectConnections withSetting(String name, String value) {
        String options = properties.getProperty("options", "");
        properties.setProperty("options", (options.isBlank() ? "" : options + " ") + "-c " + name + "=" + value);
        return this;
    }

    /**
     * The same user, password, settings and application name, on another node of the same cluster
     * (a Citus worker, as {@code pg_dist_node} names it), in the same database, with the configured
     * URL's parameters ({@link NodeUrls#onNode}), as the query pools reach it.
     */
    public DirectConnections forNode(String host, int port) {
        DirectConnections node = new DirectConnections(NodeUrls.onNode(url, host, port));
        node.properties.putAll(properties);
        return node;
    }

    private DirectConnections(String url) {
        this.url = url;
    }

    public Connection open() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }
}
