package org.credanalytics.query;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.credanalytics.db.ServiceDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The query pools of the Citus workers, opened as queries first need them and closed when the service stops. */
public final class NodeQueryPools implements CitusQueryNodes.NodePools {
    private static final Logger LOG = LoggerFactory.getLogger(NodeQueryPools.class);

    private final DataSourceFactory database;
    private final Duration statementTimeout;
    private final Environment environment;
    private final List<ManagedDataSource> opened = new CopyOnWriteArrayList<>();

    public NodeQueryPools(DataSourceFactory database, Duration statementTimeout, Environment environment) {
        this.database = database;
        this.statementTimeout = statementTimeout;
        this.environment = environment;
    }

    @Override
    public QueryNodes.QueryNode open(String host, int port) {
        ManagedDataSource pool = ServiceDatabase.queryPoolOnNode(database, statementTimeout, environment, host, port);
        try {
            pool.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the query pool of " + host + ":" + port, e);
        }
        opened.add(pool);
        return new QueryNodes.QueryNode(host + ":" + port, DashboardQueries.prepare(ServiceDatabase.unmanagedJdbi(pool)));
    }

    @Override
    public void closeAll() {
        for (ManagedDataSource pool : opened) {
            try {
                pool.stop();
            } catch (Exception e) {
                LOG.warn("Could not close a node's query pool: {}", e.getMessage());
            }
        }
        opened.clear();
    }
}
